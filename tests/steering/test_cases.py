"""A period's flow of watched cases."""

from datetime import date

from tinnhiem.steering import CaseDates, flow

Q3 = (date(2023, 7, 1), date(2023, 9, 30))


def test_flow_adds_up():
    cases = [
        CaseDates(date(2022, 1, 1), defendants=10),  # carried, remaining
        CaseDates(date(2022, 1, 1), closed_on=date(2023, 8, 1), defendants=4),  # carried, closed
        CaseDates(date(2022, 1, 1), removed_on=date(2023, 7, 1), defendants=2),  # carried, dropped
        CaseDates(date(2022, 1, 1), closed_on=date(2023, 6, 30)),  # ended before: not counted
        CaseDates(date(2023, 7, 15), defendants=3),  # new, remaining
        CaseDates(date(2023, 10, 1)),  # after: not counted
    ]
    result = flow(cases, *Q3)
    assert (result.carried_over, result.new, result.closed, result.dropped, result.remaining) == (
        3,
        1,
        1,
        1,
        2,
    )
    assert result.carried_over + result.new == result.closed + result.dropped + result.remaining
    assert (result.defendants_carried_over, result.defendants_new) == (16, 3)
    assert result.defendants_remaining == 13
