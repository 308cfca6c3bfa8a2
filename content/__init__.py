"""Content: the model of scenarios, briefings, quizzes and team profiles, and its loader."""
