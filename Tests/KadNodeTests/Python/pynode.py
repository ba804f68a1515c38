"""Runs N Python kademlia 2.2.3 nodes on 127.0.0.1 and serves commands as JSON lines on stdin/stdout.

Started by the KadNode interoperability tests. The first stdout line is {"ready": true, "ports": [...]};
every command line gets exactly one reply line {"ok": true, ...} or {"ok": false, "error": "..."}.
Values travel typed: {"type": "str"|"bytes"|"int"|"float"|"bool", "value": ...} with bytes as hex,
ints as decimal strings and floats as float.hex(), so nothing is lost in JSON.
"""

import argparse
import asyncio
import json
import random
import sys
import time

import umsgpack
from kademlia.network import Server
from kademlia.utils import digest


def encode_value(value):
    if value is None:
        return None
    kind = type(value)
    if kind is bool:
        return {"type": "bool", "value": value}
    if kind is int:
        return {"type": "int", "value": str(value)}
    if kind is float:
        return {"type": "float", "value": value.hex()}
    if kind is str:
        return {"type": "str", "value": value}
    if kind is bytes:
        return {"type": "bytes", "value": value.hex()}
    return {"type": "other", "value": repr(value)}


def decode_value(typed):
    kind, raw = typed["type"], typed["value"]
    if kind == "bool":
        return bool(raw)
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float.fromhex(raw)
    if kind == "str":
        return raw
    if kind == "bytes":
        return bytes.fromhex(raw)
    raise ValueError("unknown value type " + kind)


def parse_address(text):
    host, port = text.rsplit(":", 1)
    return (host, int(port))


class Network:
    def __init__(self, host):
        self.host = host
        self.servers = []

    async def start(self, count, bootstrap):
        for index in range(count):
            server = Server()
            await server.listen(0, interface=self.host)
            self.servers.append(server)
            seeds = [bootstrap] if bootstrap else []
            if index > 0 and not bootstrap:
                seeds = [(self.host, self.port(0))]
            if seeds:
                await server.bootstrap(seeds)

    def port(self, index):
        return self.servers[index].transport.get_extra_info("sockname")[1]

    async def handle(self, command):
        op = command["op"]
        if op == "set":
            server = self.servers[command["node"]]
            return {"stored": await server.set(command["key"], decode_value(command["value"]))}
        if op == "get":
            server = self.servers[command["node"]]
            return {"value": encode_value(await server.get(command["key"]))}
        if op == "store_local":
            # Puts a value in one node's storage without telling anyone: a stale or divergent replica.
            server = self.servers[command["node"]]
            server.storage[digest(command["key"])] = decode_value(command["value"])
            return {}
        if op == "local":
            server = self.servers[command["node"]]
            return {"value": encode_value(server.storage.get(digest(command["key"])))}
        if op == "bootstrap":
            server = self.servers[command["node"]]
            found = await server.bootstrap([parse_address(a) for a in command["addresses"]])
            return {"found": len(found)}
        if op == "contacts":
            server = self.servers[command["node"]]
            nodes = [n for bucket in server.protocol.router.buckets for n in bucket.get_nodes()]
            return {"contacts": sorted("%s:%d" % (n.ip, n.port) for n in nodes)}
        if op == "bench_gets":
            rng = random.Random(command["seed"])
            keys = command["keys"]
            found = 0
            started = time.perf_counter()
            for _ in range(command["count"]):
                server = self.servers[rng.randrange(len(self.servers))]
                if await server.get(keys[rng.randrange(len(keys))]) is not None:
                    found += 1
            return {"seconds": time.perf_counter() - started, "found": found}
        if op == "repack":
            # Indexes of msgpack payloads that u-msgpack-python would pack differently after reading them.
            payloads = [bytes.fromhex(p) for p in command["payloads"]]
            return {"mismatches": [i for i, p in enumerate(payloads) if umsgpack.packb(umsgpack.unpackb(p)) != p]}
        raise ValueError("unknown op " + op)

    def stop(self):
        for server in self.servers:
            server.stop()


def reply(payload):
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--bootstrap", help="HOST:PORT every node bootstraps off (default: node 0)")
    arguments = parser.parse_args()
    network = Network(arguments.host)
    bootstrap = parse_address(arguments.bootstrap) if arguments.bootstrap else None
    await network.start(arguments.count, bootstrap)
    reply({"ready": True, "ports": [network.port(i) for i in range(arguments.count)]})
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            break
        command = json.loads(line)
        if command["op"] == "quit":
            break
        try:
            result = await network.handle(command)
            result["ok"] = True
            reply(result)
        except Exception as error:  # the test reads the reason instead of a dead pipe
            reply({"ok": False, "error": "%s: %s" % (type(error).__name__, error)})
    network.stop()


if __name__ == "__main__":
    asyncio.run(main())
