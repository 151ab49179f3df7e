"""One cog per feature: asking, lookups, and moderators' index commands."""
