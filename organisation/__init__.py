"""The organisation: its departments and teams, who is in which team and who manages what,
and what an outage means for each team."""
