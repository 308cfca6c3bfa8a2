"""Pure rules of SharePoint publishing: pages from the content model, their hashes, the plan.

No I/O, no store, no SharePoint client: the publisher and the store use these.
"""
