"""Pure rules of learning: spaced repetition, reading answers, choosing a round. No I/O."""
