"""Entity cues: limits and coefficients on the variables their clauses name (optmodel.model.consistency)."""

from optmodel.model.consistency import entity_fix, entity_score, labels

BAKERY = (
    "A bakery bakes muffins and scones. Each muffin needs 2 cups of flour while each scone needs 3 cups of "
    "flour. The bakery has 120 cups of flour. A muffin earns $4 and a scone earns $5. At most 15 scones can "
    "be sold, and at least 40% of the pastries must be muffins. How many of each should it bake?"
)
BAKERY_RIGHT = "I I\nmax 4 x1 + 5 x2\n2 x1 + 3 x2 <= 120\nx2 <= 15\nx1 >= 0.4 ( x1 + x2 )"

PLANNER = (
    "A planner splits a budget between three projects: X, Y and Z. Each unit for X costs $7, each unit "
    "for Y costs $9 and each unit for Z costs $4. The combined allocation to X and Z cannot exceed 300 "
    "units. Project Y must get at least 50 units. The allocation to X must exceed the allocation to Y by "
    "at least 20 units. Minimise the cost."
)
PLANNER_RIGHT = "R R R\nmin 7 x1 + 9 x2 + 4 x3\nx1 + x3 <= 300\nx2 >= 50\nx1 - x2 >= 20"


def test_words_around_a_limit_name_its_variable():
    right = entity_score(BAKERY, BAKERY_RIGHT)
    bound_moved = entity_score(BAKERY, BAKERY_RIGHT.replace("x2 <= 15", "x1 <= 15"))
    share_moved = entity_score(BAKERY, BAKERY_RIGHT.replace("x1 >= 0.4", "x2 >= 0.4"))
    assert right > bound_moved and right > share_moved
    assert entity_fix(BAKERY, BAKERY_RIGHT.replace("x2 <= 15", "x1 <= 15")) == BAKERY_RIGHT
    assert entity_fix(BAKERY, BAKERY_RIGHT) is None
    # a moved bound also takes the comparison its words say ("at most 15")
    assert entity_fix(BAKERY, BAKERY_RIGHT.replace("x2 <= 15", "x1 >= 15")) == BAKERY_RIGHT
    from optmodel.model.consistency import unit_score

    assert right - unit_score(BAKERY, BAKERY_RIGHT) == 2.0  # both limits point at their own variable


def test_labels_are_read_in_order_of_first_mention():
    assert labels(PLANNER) == ["X", "Y", "Z"]
    assert labels("A firm sells product B and product A.") == ["B", "A"]  # the article "A" is not a label
    assert labels("A farmer grows wheat and corn.") == []
    assert labels("A lab makes medicine A and medicine B. A dose of medicine A treats 12.") == ["A", "B"]
    assert labels("Products: A, B and C.") == ["A", "B", "C"]
    assert labels("It mixes substance B and substance C.") == []  # not a series of decisions


def test_labelled_rows_agree_with_the_labels_of_their_clause():
    right = entity_score(PLANNER, PLANNER_RIGHT)
    for wrong in (
        PLANNER_RIGHT.replace("x1 + x3 <= 300", "x1 + x2 <= 300"),
        PLANNER_RIGHT.replace("x2 >= 50", "x1 >= 50"),
        PLANNER_RIGHT.replace("x1 - x2 >= 20", "x2 - x1 >= 20"),
        PLANNER_RIGHT.replace("min 7 x1 + 9 x2 + 4 x3", "min 9 x1 + 7 x2 + 4 x3"),
    ):
        assert entity_score(PLANNER, wrong) < right, wrong


def test_a_bound_on_the_wrong_label_is_moved():
    wrong = PLANNER_RIGHT.replace("x2 >= 50", "x3 >= 50")
    assert entity_fix(PLANNER, wrong) == PLANNER_RIGHT
    assert entity_fix(PLANNER, PLANNER_RIGHT) is None


def test_a_limit_that_shares_a_coefficients_value_does_not_name_its_variable():
    text = (
        "A firm ships goods by truck or van. A truck carries 40 boxes and burns 500 litres of fuel per "
        "trip. A van carries 20 boxes and burns 300 litres of fuel per trip. The firm must move at least "
        "500 boxes. At most 10 van trips can be made. Minimise the fuel."
    )
    right = "I I\nmin 500 x1 + 300 x2\n40 x1 + 20 x2 >= 500\nx2 <= 10"
    assert entity_fix(text, right.replace("x2 <= 10", "x1 <= 10")) == right
    # "at least 500 boxes" says nothing about trucks, though a truck's fuel is also 500
    assert entity_fix(text, right + "\nx2 >= 500") is None


def test_no_names_no_signal():
    text = "Two machines make a part. Machine time costs $3 and $5 per hour. At least 40 parts are needed."
    program = "R R\nmin 3 x1 + 5 x2\nx1 + x2 >= 40"
    assert entity_score(text, program) == 0.0
    assert entity_fix(text, program) is None


def test_entity_fixes_join_the_candidates_ranked_just_below_their_parent():
    from optmodel.model.pointer_formulator import FIX_COST, _add_entity_fixes

    wrong = PLANNER_RIGHT.replace("x2 >= 50", "x3 >= 50")
    programs, log_probs = [wrong, PLANNER_RIGHT, wrong], [-0.1, -0.3, -0.2]
    _add_entity_fixes(PLANNER, programs, log_probs)
    assert programs == [wrong, PLANNER_RIGHT, wrong]  # the fix is already a candidate
    programs, log_probs = [wrong], [-0.1]
    _add_entity_fixes(PLANNER, programs, log_probs)
    assert programs == [wrong, PLANNER_RIGHT]
    assert log_probs == [-0.1, -0.1 - FIX_COST]


def test_a_rows_numbers_count_the_same_thing():
    from optmodel.model.consistency import unit_score

    text = (
        "A workshop makes tables and chairs. A table needs 5 hours of carving and 2 litres of varnish. A chair "
        "needs 3 hours of carving and 1 litre of varnish. There are 90 hours of carving and 40 litres of varnish. "
        "A table brings $70 of revenue and a chair $30 of revenue. Maximise the revenue."
    )
    right = "I I\nmax 70 x1 + 30 x2\n5 x1 + 3 x2 <= 90\n2 x1 + x2 <= 40"
    swapped = "I I\nmax 70 x1 + 30 x2\n5 x1 + 3 x2 <= 40\n2 x1 + x2 <= 90"  # limits on the wrong rows
    mixed = "I I\nmax 70 x1 + 30 x2\n5 x1 + 1 x2 <= 90\n2 x1 + 3 x2 <= 40"
    assert unit_score(text, right) == 3.0  # the objective and both rows
    assert unit_score(text, swapped) == -1.0  # the objective only
    assert unit_score(text, right) > unit_score(text, mixed)
    assert entity_score(text, right) > entity_score(text, swapped)


def test_a_ratio_follows_the_order_its_clause_names():
    text = (
        "A grower plants two kinds of trees, X and Y. Each X tree costs $10 and each Y tree costs $20. "
        "At least twice as many X trees as Y trees must be planted, and at least 30 trees in all."
    )
    right = "I I\nmin 10 x1 + 20 x2\nx1 >= 2 x2\nx1 + x2 >= 30"
    turned = "I I\nmin 10 x1 + 20 x2\nx2 >= 2 x1\nx1 + x2 >= 30"
    assert entity_score(text, right) > entity_score(text, turned)
    assert entity_fix(text, turned) == right
    words = text.replace("X and Y", "apples and pears").replace("X tree", "apple tree").replace("Y tree", "pear tree")
    words = words.replace("$10", "$10 per apple tree").replace("$20", "$20 per pear tree")
    assert entity_score(words, right) > entity_score(words, turned)
    assert entity_fix(words, turned) is None  # words are not sure enough to move a row


def test_a_unit_both_things_use_does_not_order_a_ratio():
    text = (
        "A workshop makes chairs and stools. Chairs need 5 units of timber and 1 hour of work, whereas "
        "stools need 3 units of timber and 2 hours of work. There are 1500 units of timber and at most 750 "
        "hours of work. There must be at least three times as many chairs as stools. Maximise the pieces made."
    )
    right = "I I\nmax x1 + x2\n5 x1 + 3 x2 <= 1500\nx1 + 2 x2 <= 750\nx1 >= 3 x2"
    turned = right.replace("x1 >= 3 x2", "x2 >= 3 x1")
    assert entity_score(text, right) > entity_score(text, turned)


FERRY = (
    "A ferry line moves cars across a lake with small boats and large boats. A small boat carries 6 cars "
    "and needs 2 crew members. A large boat carries 15 cars and needs 5 crew members. At least 90 cars must "
    "cross and 30 crew members are on duty. How many of each boat should run to minimise the total number "
    "of boats?"
)
FERRY_RIGHT = "I I\nmin x1 + x2\n6 x1 + 15 x2 >= 90\n2 x1 + 5 x2 <= 30"


def test_a_count_goal_is_the_plain_sum_of_what_it_counts():
    from optmodel.model.consistency import count_goal, objective_score

    assert count_goal(FERRY, FERRY_RIGHT) == ("min", {1, 2})
    weighted = FERRY_RIGHT.replace("min x1 + x2", "min 2 x1 + 5 x2")  # the crew numbers, not a count of boats
    assert objective_score(FERRY, FERRY_RIGHT) == (1.0, None)
    assert objective_score(FERRY, weighted) == (-1.0, "min x1 + x2")
    assert entity_score(FERRY, FERRY_RIGHT) > entity_score(FERRY, weighted)
    assert entity_fix(FERRY, weighted) == FERRY_RIGHT
    assert entity_fix(FERRY, FERRY_RIGHT.replace("min x1 + x2", "max x1 + x2")) == FERRY_RIGHT  # the sense too
    # counting one of the decisions: only its variable
    small = FERRY.replace("total number of boats", "total number of large boats")
    assert count_goal(small, FERRY_RIGHT) == ("min", {2})
    assert entity_fix(small, FERRY_RIGHT) == FERRY_RIGHT.replace("min x1 + x2", "min x2")


def test_a_count_of_something_the_text_gives_rates_of_is_not_a_plain_sum():
    from optmodel.model.consistency import count_goal

    people = FERRY.replace("minimise the total number of boats", "maximise the number of cars carried")
    assert count_goal(people, FERRY_RIGHT) is None  # "carries 6 cars": the coefficients count cars
    refits = FERRY.replace("needs 2 crew members", "is serviced 4 times a year").replace(
        "minimise the total number of boats", "minimise the number of services")
    assert count_goal(refits, FERRY_RIGHT) is None  # "serviced 4 times": a rate of services
    assert count_goal(FERRY.replace("minimise the total number of boats", "minimise the crew"), FERRY_RIGHT) is None


TEAMS = (
    "A manager splits overtime between teams X1, X2 and X3. An hour costs $20 for X1, $25 for X2 and $30 "
    "for X3. The combined hours of teams X1 and X2 cannot exceed 40. Twice the hours of team X2 minus the "
    "hours of team X3 must be at least 12. The difference between the hours of team X1 and three times "
    "those of team X3 should not exceed 6. The hours of team X3 must not exceed half of the hours of team "
    "X1 by more than 5. Minimise the cost."
)
TEAMS_RIGHT = "R R R\nmin 20 x1 + 25 x2 + 30 x3\nx1 + x2 <= 40\n2 x2 - x3 >= 12\nx1 - 3 x3 <= 6\nx3 - 0.5 x1 <= 5"


def test_a_limits_words_spell_out_its_left_hand_side():
    from optmodel.model.consistency import expression_rows

    assert expression_rows(TEAMS, TEAMS_RIGHT) == [(1.0, None)] * 4
    wrong = (TEAMS_RIGHT.replace("x1 + x2 <= 40", "x1 + x2 + x3 <= 40").replace("2 x2 - x3", "2 x2 + x3")
             .replace("x1 - 3 x3", "x3 - 3 x1").replace("x3 - 0.5 x1", "0.5 x3 - x1"))
    assert [score for score, _line in expression_rows(TEAMS, wrong)] == [-1.0] * 4
    assert entity_score(TEAMS, TEAMS_RIGHT) > entity_score(TEAMS, wrong)
    assert entity_fix(TEAMS, wrong) == TEAMS_RIGHT
    assert entity_fix(TEAMS, TEAMS_RIGHT) is None


def test_a_coefficient_list_is_not_a_limit():
    from optmodel.model.consistency import expression_rows

    # 25 is a cost ("$25 for X2"), so a row ending in it is not read against those words
    assert expression_rows(TEAMS, TEAMS_RIGHT + "\nx1 + x3 >= 25")[-1] == (0.0, None)
    # a left-hand side with a share in it is not compared with the words
    assert expression_rows(TEAMS, TEAMS_RIGHT + "\nx1 - 0.5 ( x1 + x3 ) <= 40")[-1] == (0.0, None)
    # without letter labels the words are not read as an expression
    plain = TEAMS.replace("X1", "north").replace("X2", "south").replace("X3", "east")
    assert expression_rows(plain, TEAMS_RIGHT) == [(0.0, None)] * 4


def test_whole_numbers_in_the_text_make_integer_variables():
    from optmodel.model.consistency import integer_score

    whole = FERRY + " Boats are whole units, so the answer must be integers."
    real = FERRY_RIGHT.replace("I I", "R I")
    assert integer_score(whole, FERRY_RIGHT) == (1.0, None)
    assert integer_score(whole, real) == (-1.0, "I I")
    assert entity_fix(whole, real) == FERRY_RIGHT
    assert integer_score(FERRY, real) == (0.0, None)  # the text does not say
    assert integer_score(FERRY + " Fractions of a boat are allowed.", real) == (0.0, None)


def test_an_earlier_limit_in_the_sentence_is_not_a_coefficient():
    from optmodel.model.consistency import expression_rows

    text = ("A fund splits money between options X, Y and Z. Option X needs at least 20 units, option Y at "
            "least 30 units and X and Z together at most 90 units. Each unit costs $4 for X, $5 for Y and $6 "
            "for Z. Minimise the cost.")
    right = "I I I\nmin 4 x1 + 5 x2 + 6 x3\nx1 >= 20\nx2 >= 30\nx1 + x3 <= 90"
    assert expression_rows(text, right) == [(0.0, None), (0.0, None), (1.0, None)]
    assert entity_fix(text, right) is None
    assert entity_fix(text, right.replace("x1 + x3 <= 90", "x1 + x2 + x3 <= 90")) == right
