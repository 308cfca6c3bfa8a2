"""Pure rules of readiness: the score, its bands, what may be shown to whom, and retention.

No I/O: the store reads the inputs, cards and the command line show the outputs
(docs/readiness.md, docs/privacy.md).
"""
