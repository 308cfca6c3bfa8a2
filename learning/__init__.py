"""Learning: quiz sessions, answers, spaced repetition and briefing acknowledgements."""
