"""The conversation, without the SDK: who is asking, which feature answers, and what it says.

Features declare their commands and card verbs (:mod:`conversation.feature`); the router
(:mod:`conversation.router`) collects the declarations and runs the right handler. The Teams edge
(``bot/``) turns an activity into a call here and the reply back into activities.
"""
