"""The `money` story generator (optmodel.synth.stories.money) as a synthesis family."""

from optmodel.synth.stories.family import StoryFamily

FAMILY = StoryFamily("money", tags=("lp", "milp", "small", "word-problem", "investment", "blending"))
