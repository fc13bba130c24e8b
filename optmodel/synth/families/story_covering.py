"""The `covering` story generator (optmodel.synth.stories.covering) as a synthesis family."""

from optmodel.synth.stories.family import StoryFamily

FAMILY = StoryFamily("covering", tags=("lp", "milp", "small", "word-problem", "covering"))
