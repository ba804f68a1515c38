"""A real Python kademlia 2.2.3 network of laptops on 127.0.0.1, running kadsim's presence workload.

All nodes live in one asyncio process. The library's time constants are divided by the time scale, so a
2-hour scenario runs in 10 minutes at scale 12. A node that goes down drops every datagram and abandons what it
had in flight but keeps its routing table and storage; it comes back the way kadsim's laptops do
(Sources/KadSim/Engine/Simulation+Churn.swift): on a new port when the trace says `new`, joining through a
random online node and the contacts still in its old table, and running its overdue refresh and republish.
Reads are classified like kadsim's oracle (Sources/KadSim/Oracle/StalenessOracle.swift).

Usage: python_network.py --out RESULT.json [--trace TRACE.csv] [options]; see --help.
"""

import argparse
import asyncio
import collections
import errno
import json
import logging
import random
import sys
import time

from laptop_schedule import initial_join_spacing_us, read_trace

try:
    from kademlia.crawling import NodeSpiderCrawl
    from kademlia.network import Server
    from kademlia.node import Node
    from kademlia.protocol import KademliaProtocol
    from kademlia.routing import RoutingTable
    from kademlia.storage import ForgetfulStorage
    from kademlia.utils import digest
except ImportError as error:
    sys.exit(f"python_network.py: cannot import kademlia ({error}); install it with: .venv/bin/pip install kademlia==2.2.3")

HOST = "127.0.0.1"

# The library's constants (rpcudp/protocol.py wait_timeout, network.py refresh_table interval and
# iter_older_than, routing.py lonely_buckets, storage.py ttl), before scaling.
LIBRARY_RPC_TIMEOUT_S = 5
LIBRARY_REFRESH_INTERVAL_S = 3600
LIBRARY_LONELY_BUCKET_S = 3600
LIBRARY_REPUBLISH_AGE_S = 3600
LIBRARY_RECORD_TTL_S = 604800


class ScaledRoutingTable(RoutingTable):
    """routing.py hard-codes 3600 s as the age of a lonely bucket."""

    lonely_after_s = LIBRARY_LONELY_BUCKET_S

    def lonely_buckets(self):
        threshold = time.monotonic() - self.lonely_after_s
        return [bucket for bucket in self.buckets if bucket.last_updated < threshold]


class GatedTransport:
    """Sends only while the node is online: a sleeping laptop says nothing, not even a late reply."""

    def __init__(self, transport, protocol):
        self.transport = transport
        self.protocol = protocol

    def sendto(self, data, address):
        if self.protocol.is_online:
            self.transport.sendto(data, address)

    def close(self):
        self.transport.close()


class LaptopProtocol(KademliaProtocol):
    def __init__(self, source_node, storage, ksize, rpc_timeout_s, lonely_after_s):
        super().__init__(source_node, storage, ksize)
        self._wait_timeout = rpc_timeout_s
        self.router = ScaledRoutingTable(self, ksize, source_node)
        self.router.lonely_after_s = lonely_after_s
        # RPCProtocol.__getattr__ turns unknown attributes into RPCs, so every attribute is set here.
        self.is_online = False

    def connection_made(self, transport):
        super().connection_made(GatedTransport(transport, self))

    def datagram_received(self, data, addr):
        if self.is_online:
            super().datagram_received(data, addr)

    def abandon_outstanding(self):
        """Like kadsim's disconnect(): requests in flight neither complete nor time out (no contact is removed)."""
        for future, timeout in self._outstanding.values():
            timeout.cancel()
            future.cancel()
        self._outstanding.clear()


class LaptopServer(Server):
    def __init__(self, ksize, alpha, node_id, config, track):
        super().__init__(ksize, alpha, node_id, ForgetfulStorage(ttl=config.record_ttl_s))
        self.config = config
        self.track = track
        self.refresh_overdue = False

    def _create_protocol(self):
        return LaptopProtocol(self.node, self.storage, self.ksize, self.config.rpc_timeout_s, self.config.lonely_after_s)

    def refresh_table(self, interval=None):
        # Maintenance is frozen while the laptop sleeps; kadsim runs the overdue check when it comes back.
        loop = asyncio.get_event_loop()
        self.refresh_loop = loop.call_later(self.config.refresh_interval_s, self.refresh_table)
        if self.protocol.is_online:
            self.track(self._refresh_table())
        else:
            self.refresh_overdue = True

    def run_overdue_refresh(self):
        if not self.refresh_overdue:
            return
        self.refresh_overdue = False
        self.refresh_loop.cancel()
        self.refresh_table()

    async def _refresh_table(self):
        # network.py's _refresh_table with the 3600 s republish age scaled.
        results = []
        for node_id in self.protocol.get_refresh_ids():
            node = Node(node_id)
            nearest = self.protocol.router.find_neighbors(node, self.alpha)
            results.append(NodeSpiderCrawl(self.protocol, node, nearest, self.ksize, self.alpha).find())
        await asyncio.gather(*results)
        for dkey, value in self.storage.iter_older_than(self.config.republish_age_s):
            await self.set_digest(dkey, value)


class Config:
    def __init__(self, args):
        scale = args.time_scale
        self.nodes = args.nodes
        self.k = args.k
        self.alpha = args.alpha
        self.time_scale = scale
        self.duration_s = args.duration / scale
        self.warmup_s = args.warmup / scale
        self.rpc_timeout_s = LIBRARY_RPC_TIMEOUT_S / scale
        self.refresh_interval_s = LIBRARY_REFRESH_INTERVAL_S / scale
        self.lonely_after_s = LIBRARY_LONELY_BUCKET_S / scale
        self.republish_age_s = LIBRARY_REPUBLISH_AGE_S / scale
        self.record_ttl_s = LIBRARY_RECORD_TTL_S / scale
        self.owner_republish_s = args.owner_republish / scale
        self.publish_after_join_s = args.publish_after_join / scale
        self.reads_per_node_per_s = args.reads_per_node_per_hour / 3600 * scale
        self.user_fraction = args.user_fraction


class StalenessOracle:
    """kadsim's oracle: the latest write completed before a read started is what a fresh read must return."""

    def __init__(self, owners):
        self.latest_completed = [-1] * owners

    def write_completed(self, owner, sequence):
        self.latest_completed[owner] = max(self.latest_completed[owner], sequence)

    @staticmethod
    def classify(returned, latest_at_start):
        if returned is None:
            return "missing"
        return "fresh" if returned >= latest_at_start else "stale"


def presence_value(sequence, port):
    # kadsim's PresenceValue packs sequence << 32 | IPv4 address; every node here shares 127.0.0.1, so the port
    # is what tells addresses apart.
    return sequence << 32 | port


def presence_sequence(value):
    return value >> 32 if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class LaptopNode:
    def __init__(self, network, index, node_id, is_user):
        self.network = network
        self.index = index
        self.is_user = is_user
        self.key = f"user-{index}"  # kadsim's user key is SHA-1("user-<index>"), as digest() computes it
        self.server = LaptopServer(network.config.k, network.config.alpha, node_id, network.config, self.track)
        self.server.protocol = self.server._create_protocol()
        self.port = None
        self.session = 0
        self.next_write_sequence = 0
        self.tasks = set()

    @property
    def is_online(self):
        return self.server.protocol.is_online

    def track(self, coroutine):
        """Runs work that belongs to this node's session, so going down can abandon it."""
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task):
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.network.task_errors[type(task.exception()).__name__] += 1

    async def bind(self):
        loop = asyncio.get_running_loop()
        while True:
            port = self.network.allocate_port()
            try:
                transport, _ = await loop.create_datagram_endpoint(lambda: self.server.protocol, local_addr=(HOST, port))
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
                continue  # another program holds it; addresses only need to be new
            self.server.transport = transport
            self.port = port
            return

    def go_up(self, new_address):
        if self.is_online:
            return
        self.track(self._come_up(new_address))

    async def _come_up(self, new_address):
        first = self.session == 0
        if first or new_address:
            if not first:
                self.server.transport.close()
                self.network.moves += 1
            await self.bind()
        bootstrap = self.network.random_online_node(excluding=self.index)
        self.server.protocol.is_online = True
        self.session += 1
        if first:
            self.server.refresh_table()  # what Server.listen() does: a refresh now, then every interval
        else:
            self.network.rejoins += 1
            self.server.run_overdue_refresh()
        self.track(self.join(bootstrap))
        if self.is_user:
            self.track(self.publish_loop())
        self.track(self.read_loop())

    def go_down(self):
        self.server.protocol.is_online = False
        for task in list(self.tasks):
            task.cancel()
        self.server.protocol.abandon_outstanding()

    async def join(self, bootstrap):
        # kadsim's join: ping the bootstrap node, then look up the own id from it and every contact still held.
        protocol = self.server.protocol
        seeds = []
        if bootstrap is not None:
            address = (HOST, bootstrap.port)
            answered, node_id = await protocol.ping(address, self.server.node.id)
            if answered:
                seeds.append(Node(node_id, *address))
        seeds += protocol.router.find_neighbors(self.server.node)
        if seeds:
            await NodeSpiderCrawl(protocol, self.server.node, seeds, self.server.ksize, self.server.alpha).find()

    async def publish_loop(self):
        await asyncio.sleep(self.network.config.publish_after_join_s)
        while True:
            self.track(self.publish())
            await asyncio.sleep(self.network.config.owner_republish_s)

    async def publish(self):
        sequence = self.next_write_sequence
        self.next_write_sequence += 1
        self.network.writes_started += 1
        try:
            await self.server.set(self.key, presence_value(sequence, self.port))
        except asyncio.CancelledError:
            raise
        except Exception as error:  # kadsim's put completes even when no STORE got through
            self.network.task_errors[f"set: {type(error).__name__}"] += 1
        self.network.oracle.write_completed(self.index, sequence)
        self.network.writes_completed += 1

    async def read_loop(self):
        config = self.network.config
        while True:
            await asyncio.sleep(max(1e-6, self.network.rng.expovariate(config.reads_per_node_per_s)))
            owner = self.network.rng.choice(self.network.users)
            # A user looking itself up, or a record never written, says nothing about staleness (as in kadsim).
            if owner == self.index or self.network.nodes[owner].next_write_sequence == 0:
                continue
            self.track(self.read(owner))

    async def read(self, owner):
        network = self.network
        started_s = network.now()
        latest_at_start = network.oracle.latest_completed[owner]
        key = network.nodes[owner].key
        from_own_copy = self.server.storage.get(digest(key)) is not None  # Server.get answers locally first
        try:
            value = await self.server.get(key)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            network.task_errors[f"get: {type(error).__name__}"] += 1
            return
        if started_s < network.config.warmup_s or latest_at_start < 0:
            return
        returned = presence_sequence(value) if value is not None else None
        network.reads.append({
            "time_s": round(started_s, 6), "reader": self.index, "owner": owner,
            "outcome": StalenessOracle.classify(returned, latest_at_start),
            "returned_version": returned, "latest_version": latest_at_start,
            "from_own_copy": from_own_copy, "latency_s": round(network.now() - started_s, 6),
        })


class LaptopNetwork:
    def __init__(self, config, seed, base_port, last_port):
        self.config = config
        self.rng = random.Random(seed)
        random.seed(seed)  # the library draws refresh ids from the global generator
        self.oracle = StalenessOracle(config.nodes)
        self.next_port = base_port
        self.last_port = last_port
        self.nodes = []
        for index in range(config.nodes):
            node_id = digest(self.rng.getrandbits(255))
            is_user = self.rng.random() < config.user_fraction
            self.nodes.append(LaptopNode(self, index, node_id, is_user))
        self.users = [node.index for node in self.nodes if node.is_user]
        self.reads = []
        self.task_errors = collections.Counter()
        self.writes_started = self.writes_completed = self.rejoins = self.moves = 0
        self.loop_lag_s = []
        self.start_time = None

    def now(self):
        return asyncio.get_running_loop().time() - self.start_time

    def allocate_port(self):
        # Ports are never reused, as kadsim never reuses an address: an old contact never reaches a new node.
        self.next_port += 1
        if self.next_port > self.last_port:
            raise RuntimeError(f"ran out of ports at {self.last_port}; widen --base-port..--last-port")
        return self.next_port - 1

    def random_online_node(self, excluding):
        online = [node for node in self.nodes if node.is_online and node.index != excluding]
        return self.rng.choice(online) if online else None

    async def watch_loop_lag(self):
        # How late the event loop wakes up: if it falls far behind the RPC timeout, timing is not sound.
        while True:
            before = asyncio.get_running_loop().time()
            await asyncio.sleep(0.05)
            self.loop_lag_s.append(asyncio.get_running_loop().time() - before - 0.05)

    async def run(self, trace_events):
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(self.note_loop_error)
        self.start_time = loop.time()
        warmup_us = round(self.config.warmup_s * 1e6)
        spacing_s = initial_join_spacing_us(self.config.nodes, warmup_us) / 1e6
        for node in self.nodes:
            loop.call_at(self.start_time + node.index * spacing_s, node.go_up, False)
        for event in trace_events:
            node = self.nodes[event.node]
            at = self.start_time + event.time_us / 1e6
            if event.is_up:
                loop.call_at(at, node.go_up, event.new_address)
            else:
                loop.call_at(at, node.go_down)
        watcher = asyncio.ensure_future(self.watch_loop_lag())
        wall_start = time.monotonic()
        await asyncio.sleep(self.config.duration_s)
        watcher.cancel()
        for node in self.nodes:
            node.go_down()
            node.server.stop()
        await asyncio.sleep(0)
        return time.monotonic() - wall_start

    def note_loop_error(self, loop, context):
        error = context.get("exception")
        self.task_errors[f"loop: {type(error).__name__ if error else context.get('message', '?')[:40]}"] += 1

    def result(self, wall_seconds):
        reads = self.reads
        own = [read for read in reads if read["from_own_copy"]]
        lags = sorted(self.loop_lag_s) or [0.0]

        def share(part, whole):
            return len(part) / len(whole) if whole else None

        return {
            "summary": {
                "reads": len(reads),
                "stale_fraction": share([r for r in reads if r["outcome"] == "stale"], reads),
                "missing_fraction": share([r for r in reads if r["outcome"] == "missing"], reads),
                "own_copy_fraction": share(own, reads),
                "own_copy_stale_fraction": share([r for r in own if r["outcome"] == "stale"], own),
            },
            "writes_started": self.writes_started,
            "writes_completed": self.writes_completed,
            "rejoins": self.rejoins,
            "address_moves": self.moves,
            "loop_lag_p99_ms": round(1000 * lags[min(len(lags) - 1, int(0.99 * len(lags)))], 3),
            "loop_lag_max_ms": round(1000 * lags[-1], 3),
            "errors": dict(self.task_errors),
            "wall_seconds": round(wall_seconds, 2),
            "reads": reads,
        }


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="where to write the result JSON")
    parser.add_argument("--trace", help="churn trace CSV (kadsim format); without it every node stays online")
    parser.add_argument("--nodes", type=int, default=64)
    parser.add_argument("--k", type=int, default=8)
    parser.add_argument("--alpha", type=int, default=3)
    parser.add_argument("--time-scale", type=float, default=12)
    parser.add_argument("--duration", type=float, default=7200, help="seconds before scaling, warm-up included")
    parser.add_argument("--warmup", type=float, default=1800, help="seconds before scaling")
    parser.add_argument("--owner-republish", type=float, default=300, help="seconds before scaling")
    parser.add_argument("--publish-after-join", type=float, default=10, help="seconds before scaling")
    parser.add_argument("--reads-per-node-per-hour", type=float, default=12, help="before scaling")
    parser.add_argument("--user-fraction", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1, help="node ids and workload draws")
    # Below the kernel's ephemeral range (32768 and up), so no port a test or tool picks at random is ever hit.
    parser.add_argument("--base-port", type=int, default=10000, help="first UDP port; ports are never reused")
    parser.add_argument("--last-port", type=int, default=19999, help="last UDP port this network may take")
    return parser.parse_args()


def main():
    args = parse_arguments()
    logging.disable(logging.CRITICAL)  # the library logs every timeout; that costs time and says nothing here
    config = Config(args)
    trace_events = read_trace(args.trace) if args.trace else []
    network = LaptopNetwork(config, args.seed, args.base_port, args.last_port)
    wall_seconds = asyncio.run(network.run(trace_events))
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(network.result(wall_seconds), file)


if __name__ == "__main__":
    main()
