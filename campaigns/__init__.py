"""Campaigns: scheduled content to audiences, the delivery outbox and rate limiting."""
