"""The organisation: who is in which team, and what an outage means for each team."""
