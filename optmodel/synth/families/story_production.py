"""The `production` story generator (optmodel.synth.stories.production) as a synthesis family."""

from optmodel.synth.stories.family import StoryFamily

FAMILY = StoryFamily("production", tags=("lp", "milp", "small", "word-problem", "production"))
