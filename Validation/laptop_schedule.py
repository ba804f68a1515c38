"""Churn schedules in kadsim's trace format, shared by the driver and the Python network.

The laptop shape is Scenarios/churn.json's: 10% of nodes always online, Weibull sessions (shape 0.5, median
30 min) and downtimes (shape 0.5, median 20 min), 80% of rejoins at a new address; every time is divided by
the time scale so a real network can run it in minutes.
"""

import math
import random
from dataclasses import dataclass

MICROSECONDS_PER_SECOND = 1_000_000

STABLE_FRACTION = 0.1
SESSION_SHAPE, SESSION_MEDIAN_S = 0.5, 30 * 60
DOWNTIME_SHAPE, DOWNTIME_MEDIAN_S = 0.5, 20 * 60
NEW_ADDRESS_PROBABILITY = 0.8

# kadsim spaces the initial joins at most 50 ms apart, closer when that fits them all into half the warm-up
# (Simulation+Churn.swift, initialJoinSpacing); the Python network must join on the same slots.
MAXIMUM_JOIN_SPACING_US = 50_000


@dataclass(frozen=True)
class ChurnEvent:
    time_us: int
    node: int
    is_up: bool
    new_address: bool = False


def initial_join_spacing_us(nodes, warmup_us):
    if warmup_us > 0:
        return min(MAXIMUM_JOIN_SPACING_US, warmup_us // (2 * nodes))
    return MAXIMUM_JOIN_SPACING_US


def format_duration(time_us):
    """kadsim's duration notation with exact microseconds, e.g. 12.500000s."""
    return f"{time_us // MICROSECONDS_PER_SECOND}.{time_us % MICROSECONDS_PER_SECOND:06d}s"


def weibull_by_median(rng, shape, median_s):
    # kadsim parameterises Weibull by its median: scale = median / ln(2)^(1/shape).
    scale = median_s / math.log(2) ** (1 / shape)
    return rng.weibullvariate(scale, shape)


def laptop_schedule(seed, nodes, duration_us, warmup_us, time_scale):
    """Every node starts online at its join slot; the non-stable ones then alternate sessions and downtimes.

    Sessions start at the join slot, as kadsim's own session model draws them from the moment a node is up,
    and every node's first row is `down`, so kadsim joins it on its initial slot like the Python network does.
    """
    rng = random.Random(seed)
    spacing_us = initial_join_spacing_us(nodes, warmup_us)
    stable = set(rng.sample(range(nodes), round(STABLE_FRACTION * nodes)))
    events = []
    for node in range(nodes):
        if node in stable:
            continue
        time_us = node * spacing_us
        while True:
            time_us += max(1, round(weibull_by_median(rng, SESSION_SHAPE, SESSION_MEDIAN_S) / time_scale * 1e6))
            if time_us >= duration_us:
                break
            events.append(ChurnEvent(time_us, node, is_up=False))
            time_us += max(1, round(weibull_by_median(rng, DOWNTIME_SHAPE, DOWNTIME_MEDIAN_S) / time_scale * 1e6))
            if time_us >= duration_us:
                break
            events.append(ChurnEvent(time_us, node, is_up=True, new_address=rng.random() < NEW_ADDRESS_PROBABILITY))
    events.sort(key=lambda event: (event.time_us, event.node))
    return events


def write_trace(path, events):
    with open(path, "w", encoding="utf-8") as file:
        file.write("time,node,state,address\n")
        for event in events:
            if event.is_up:
                file.write(f"{format_duration(event.time_us)},{event.node},up,{'new' if event.new_address else 'same'}\n")
            else:
                file.write(f"{format_duration(event.time_us)},{event.node},down\n")


def parse_duration_us(text):
    """The subset of kadsim's notation this harness writes: `<seconds>[.<fraction>]s`."""
    if not text.endswith("s"):
        raise ValueError(f"unsupported trace time {text!r}")
    whole, _, fraction = text[:-1].partition(".")
    return int(whole) * MICROSECONDS_PER_SECOND + int((fraction + "000000")[:6] or 0)


def read_trace(path):
    events = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("time,"):
                continue
            fields = [field.strip() for field in line.split(",")]
            is_up = fields[2] == "up"
            new_address = len(fields) > 3 and fields[3] == "new"
            events.append(ChurnEvent(parse_duration_us(fields[0]), int(fields[1]), is_up, new_address))
    events.sort(key=lambda event: event.time_us)
    return events
