"""Teams' limits kept: no window is ever exceeded, the tenant budget never gives more than its
rate, replies always find room, and a 429 slows sending down for a while without stopping it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns.rules.limits import (
    CONVERSATION_WINDOWS,
    BudgetPolicy,
    Conversations,
    ConversationWindow,
    Lane,
    RetryPolicy,
    TenantBudget,
    Window,
)

# No example database: the tests leave nothing behind in the work tree.
CHECK = settings(database=None, deadline=None, max_examples=150)


def assert_within(sends: list[float], window: Window) -> None:
    """No ``window.seconds`` long stretch holds more than ``window.count`` of ``sends``."""
    for first, beyond in zip(sends, sends[window.count :], strict=False):
        assert beyond >= first + window.seconds, (window, first, beyond)


gaps = st.one_of(st.just(0.0), st.floats(min_value=0.0, max_value=3.0, allow_nan=False))
"""Pauses between attempts: often none (pressing on the limit), sometimes a while."""

windows = st.lists(
    st.builds(
        Window,
        count=st.integers(min_value=1, max_value=6),
        seconds=st.floats(min_value=0.01, max_value=5.0, allow_nan=False),
    ),
    min_size=1,
    max_size=4,
)


@CHECK
@given(limits=windows, pauses=st.lists(gaps, min_size=1, max_size=200), eager=st.booleans())
def test_no_sends_the_windows_allow_exceed_any_window(
    limits: list[Window], pauses: list[float], eager: bool
) -> None:
    conversation = ConversationWindow(tuple(limits))
    now = 0.0
    sends: list[float] = []
    for pause in pauses:
        now += pause
        if eager:  # go exactly when allowed: right on every boundary
            now = conversation.earliest(now)
        if conversation.earliest(now) <= now:
            conversation.record(now)
            sends.append(now)
    for window in limits:
        assert_within(sends, window)


def test_teams_windows_as_fast_as_allowed_for_two_hours() -> None:
    conversation = ConversationWindow()
    now, sends = 0.0, []
    while now < 7200:
        now = conversation.earliest(now)
        conversation.record(now)
        sends.append(now)
    for window in CONVERSATION_WINDOWS:
        assert_within(sends, window)
    assert sends[:8] == [0.0] * 7 + [1.0]  # 7 at once, the 8th a second later
    # The hour's 1,800 is what binds in the long run.
    assert len(sends) == pytest.approx(3600, abs=70)


def test_a_margin_keeps_sends_further_apart() -> None:
    conversation = ConversationWindow((Window(1, 1.0),), margin=0.05)
    conversation.record(10.0)
    assert conversation.earliest(10.5) == pytest.approx(11.05)


def test_a_hold_delays_only_its_own_conversation() -> None:
    conversations = Conversations()
    conversations.record("a", 0.0)
    conversations.hold("a", 30.0)
    assert conversations.earliest("a", 1.0) == 30.0
    assert conversations.earliest("b", 1.0) == 1.0
    conversations.record("b", 1.0)
    assert conversations.earliest("b", 1.0) == 1.0


def test_idle_conversations_are_forgotten() -> None:
    conversations = Conversations(sweep_every=60.0)
    for n in range(1000):
        conversations.record(f"c{n}", 0.0)
    conversations.hold("held", 10_000.0)
    conversations.record("late", 3_000.0)
    assert len(conversations) == 1002
    conversations.record("now", 3_700.0)
    assert len(conversations) == 3  # "held", "late" and "now"


budget_steps = st.lists(
    st.tuples(
        st.sampled_from([Lane.CAMPAIGN, Lane.CAMPAIGN, Lane.REPLY]),
        st.one_of(st.none(), st.floats(min_value=0.0, max_value=0.3, allow_nan=False)),
        st.one_of(
            st.just(False),
            st.just(False),
            st.just(False),
            st.none(),
            st.floats(min_value=0.0, max_value=5.0, allow_nan=False),
        ),
    ),
    min_size=1,
    max_size=400,
)
"""Each step: who asks; after waiting as told (None) or a pause of their own; and whether a 429
came first (False: no; None: without Retry-After; a number: its Retry-After)."""

policies = st.sampled_from(
    [
        BudgetPolicy(),
        BudgetPolicy(limit=10.0, campaign_share=8.0),
        BudgetPolicy(limit=3.0, campaign_share=2.0, decrease=0.3, recovery=0.5),
    ]
)


@CHECK
@given(policy=policies, steps=budget_steps)
def test_the_budget_never_allows_more_than_its_rate_over_any_second(
    policy: BudgetPolicy, steps: list[tuple[Lane, float | None, bool | float | None]]
) -> None:
    budget = TenantBudget(policy)
    now, wait = 0.0, 0.0
    every: list[float] = []
    campaign: list[float] = []
    for lane, pause, throttle in steps:
        now += wait if pause is None else pause
        if throttle is not False:
            budget.throttled(now, throttle if isinstance(throttle, float) else None)
        wait = budget.acquire(now, lane)
        assert wait >= 0 and math.isfinite(wait)
        if wait == 0:
            every.append(now)
            if lane is Lane.CAMPAIGN:
                campaign.append(now)
    assert_within(every, Window(math.floor(policy.limit), 1.0))
    assert_within(campaign, Window(math.floor(policy.campaign_share), 1.0))
    # Campaign calls are spread out, never bunched (a late call's successor keeps to the grid).
    for before, after in zip(campaign, campaign[1:], strict=False):
        assert after - before >= 0.5 / policy.campaign_share - 1e-9


def grants_in(budget: TenantBudget, start: float, seconds: float, lane: Lane) -> int:
    """Calls granted to one caller asking non-stop (waiting as told) for ``seconds``."""
    now, granted = start, 0
    while now < start + seconds:
        wait = budget.acquire(now, lane)
        if wait == 0:
            granted += 1
        else:
            now += wait
    return granted


def test_campaigns_get_their_share_and_replies_the_rest() -> None:
    budget = TenantBudget()
    assert grants_in(budget, 0.0, 10.0, Lane.CAMPAIGN) == pytest.approx(400, abs=2)
    # While campaigns take all of theirs, a reply every 1/8 s never waits.
    next_reply, next_campaign, campaign_calls = 10.0, 10.0, 0
    while (now := min(next_reply, next_campaign)) < 20.0:
        if now == next_reply:
            assert budget.acquire(now, Lane.REPLY) == 0
            next_reply += 0.125
        if now == next_campaign:
            wait = budget.acquire(now, Lane.CAMPAIGN)
            campaign_calls += wait == 0
            next_campaign = now + wait
    assert campaign_calls == pytest.approx(400, abs=2)
    # A reply alone may use the whole budget.
    assert grants_in(TenantBudget(), 0.0, 1.0, Lane.REPLY) == 50


@CHECK
@given(
    at=st.floats(min_value=0.0, max_value=10_000.0, allow_nan=False),
    retry_after=st.one_of(st.none(), st.floats(min_value=0.0, max_value=600.0, allow_nan=False)),
)
def test_after_a_429_the_rate_drops_and_later_recovers(
    at: float, retry_after: float | None
) -> None:
    budget = TenantBudget()
    full = budget.rate(at)
    assert full == 40.0
    budget.throttled(at, retry_after)
    lower = full * budget.policy.decrease
    assert budget.rate(at) == pytest.approx(lower) and lower < full
    # The calls already under way come back 429 too: that is the same push-back.
    budget.throttled(at + 0.1, retry_after)
    assert budget.rate(at + 0.1) == pytest.approx(lower)
    pause = min(retry_after or 0.0, 60.0)
    later = [budget.rate(at + pause + seconds) for seconds in (0.0, 2.0, 5.0, 9.0, 10.0, 100.0)]
    assert later == sorted(later)
    assert later[0] < full and later[-1] == full


def test_a_429_means_fewer_calls_for_a_while() -> None:
    steady = grants_in(TenantBudget(), 0.0, 3.0, Lane.CAMPAIGN)
    throttled = TenantBudget()
    throttled.throttled(0.0, None)
    assert grants_in(throttled, 0.0, 3.0, Lane.CAMPAIGN) < steady
    held = TenantBudget()
    held.throttled(0.0, 2.0)  # Retry-After: 2 keeps the lower pace for those seconds
    assert grants_in(held, 0.0, 2.0, Lane.CAMPAIGN) <= math.ceil(steady / 3 * 2 * 0.75) + 1
    assert grants_in(throttled, 30.0, 3.0, Lane.CAMPAIGN) == pytest.approx(steady, abs=2)


@CHECK
@given(storm=st.lists(st.floats(min_value=1.0, max_value=5.0, allow_nan=False), max_size=60))
def test_429s_slow_sending_but_never_stop_it(storm: list[float]) -> None:
    budget = TenantBudget()
    now = 0.0
    for gap in storm:
        now += gap
        budget.throttled(now, None)
    floor = budget.policy.campaign_share * budget.policy.floor
    assert budget.rate(now) >= floor
    assert grants_in(budget, now, 10.0, Lane.CAMPAIGN) >= math.floor(10 * floor)
    assert grants_in(budget, now + 10.0, 1.0, Lane.REPLY) >= 1


def test_a_budget_that_cannot_work_is_refused() -> None:
    with pytest.raises(ValueError, match="campaign_share"):
        BudgetPolicy(limit=50, campaign_share=60)
    with pytest.raises(ValueError, match="fractions"):
        BudgetPolicy(decrease=1.5)
    with pytest.raises(ValueError, match="count"):
        Window(0, 1.0)


def test_retries_are_bounded_and_spread() -> None:
    policy = RetryPolicy(delays=(2.0, 10.0), spread=0.2)
    assert policy.attempts == 3
    assert policy.after_retry(1, 0.0) == pytest.approx(1.6)
    assert policy.after_retry(1, 0.999999) == pytest.approx(2.4, abs=1e-4)
    assert policy.after_retry(2, 0.5) == pytest.approx(10.0)
    assert policy.after_retry(3, 0.5) is None


@CHECK
@given(
    calls=st.integers(min_value=1, max_value=40),
    jitter=st.floats(min_value=0.0, max_value=0.999, allow_nan=False),
    retry_after=st.one_of(st.none(), st.floats(min_value=0.0, max_value=300.0, allow_nan=False)),
)
def test_throttled_calls_wait_retry_after_or_back_off_up_to_a_minute(
    calls: int, jitter: float, retry_after: float | None
) -> None:
    policy = RetryPolicy()
    wait = policy.after_throttle(calls, retry_after, jitter)
    if calls >= policy.throttled_calls:
        assert wait is None
        return
    assert wait is not None
    if retry_after is not None:
        assert wait == retry_after
    else:
        ceiling = min(60.0, 2.0 ** (calls - 1))
        assert ceiling / 2 <= wait <= ceiling


def test_a_call_that_creates_a_chat_first_takes_two_places_in_the_budget() -> None:
    budget = TenantBudget(BudgetPolicy(limit=4, campaign_share=4))
    assert budget.acquire(0.0, Lane.REPLY, calls=2) == 0.0
    assert budget.acquire(0.0, Lane.REPLY, calls=2) == 0.0
    assert budget.acquire(0.0, Lane.REPLY) > 0  # four calls in this second already
    assert budget.acquire(1.0, Lane.REPLY, calls=3) == 0.0
    assert budget.acquire(1.0, Lane.REPLY, calls=2) > 0  # one place left, two asked for
