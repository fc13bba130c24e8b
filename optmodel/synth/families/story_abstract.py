"""The `abstract` story generator (optmodel.synth.stories.abstract) as a synthesis family."""

from optmodel.synth.stories.family import StoryFamily

FAMILY = StoryFamily("abstract", tags=("lp", "milp", "small", "word-problem", "allocation"))
