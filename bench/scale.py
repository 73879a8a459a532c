"""The scale-out run, for `make bench`: two app servers behind nginx, sharing PostgreSQL and Redis.

    .venv/bin/python bench/scale.py [--posts 1000] [--seconds 5]

Two gunicorn instances (2 sync workers each, as shipped), each with its own local state (its
processes' page copies), on one scratch PostgreSQL cluster and one Redis. nginx balances the
two (no page cache of its own here: what is measured is the app servers). It prints, as targets
with their verdicts:
- an edit saved through one server is on the other's next response (5 saves);
- req/s of the pair against one (on this 2-core machine the pair shares the same CPUs, so about
  1x is what to expect; the figure says the pair costs nothing in coordination);
- one server killed (SIGKILL, its workers with it) under load costs no error beyond the
  requests it had in flight (2 workers: 2), nginx sending the rest to the other.
Talks to 127.0.0.1 only.
"""

import argparse
import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.browser import verdict  # noqa: E402
from bench.load import ARTICLE, Editor, Gunicorn, environment, fetch, free_port, seed, start_redis, wrk  # noqa: E402

PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=None, key=lambda path: int(path.parent.name))


class Postgres:
    """A scratch cluster on a free port (as the postgres user when we are root: it refuses root)."""

    def __init__(self, scratch: Path):
        self.dir, self.port = scratch / "pg", free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/bench"

    def run(self, *command: str) -> None:
        if os.geteuid() == 0:
            command = ("su", "postgres", "-c", shlex.join(command))
        subprocess.run(command, check=True, capture_output=True)

    def __enter__(self):
        self.dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.dir.parent, "postgres")
        self.run(f"{PG_BIN}/initdb", "-D", str(self.dir), "-A", "trust", "-U", "postgres")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        # Its log to a file: a server left holding our pipes would keep run() waiting for ever.
        log = str(self.dir.parent / "postgres.log")
        self.run(f"{PG_BIN}/pg_ctl", "-D", str(self.dir), "-o", options, "-l", log, "-w", "start")
        self.run(f"{PG_BIN}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "bench")
        return self

    def __exit__(self, *exc_info):
        self.run(f"{PG_BIN}/pg_ctl", "-D", str(self.dir), "-m", "immediate", "stop")


class Balancer:
    """nginx spreading requests over the servers; a GET that finds one down goes to the other."""

    def __init__(self, scratch: Path, ports: list[int]):
        self.dir, self.port = scratch / f"balancer-{len(ports)}", free_port()
        self.dir.mkdir()
        servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports)
        user = "user root;\n" if os.geteuid() == 0 else ""
        (self.dir / "nginx.conf").write_text(f"""{user}worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log crit;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    upstream app {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{self.port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_next_upstream error timeout http_502;
        }}
    }}
}}
""")

    def __enter__(self):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([nginx, "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir),
                                         "-g", "daemon off;"])  # fmt: skip
        time.sleep(0.5)
        return self

    def __exit__(self, *exc_info):
        self.process.terminate()
        self.process.wait(10)


def edit_seen_on_the_other(one: Gunicorn, other: Gunicorn, env: dict, article_admin: str) -> str:
    editor = Editor(one.base, env["BENCH_EDITOR_PASSWORD"], article_admin)
    fetch(other.base + ARTICLE)  # the other server holds its own copy of the page
    seen = 0
    for attempt in range(5):
        marker = f"Scale check {attempt} {secrets.token_hex(4)}"
        assert editor.save_description(marker) == 302
        seen += marker.encode() in fetch(other.base + ARTICLE)[1]
    return f"  scale-out: an edit through one server on the other's next response: {seen} of 5: {verdict(seen == 5)}"


def pair_against_one(servers, balancer, scratch: Path, seconds: float) -> str:
    """Both through nginx, so the balancer's own cost is on each side."""
    pair = wrk(f"http://127.0.0.1:{balancer.port}{ARTICLE}", connections=16, seconds=seconds)
    with Balancer(scratch, [servers[0].port]) as alone:
        one = wrk(f"http://127.0.0.1:{alone.port}{ARTICLE}", connections=16, seconds=seconds)
    return (
        f"  scale-out: the pair behind nginx {pair['rps']:,.0f} req/s, one server behind it {one['rps']:,.0f} req/s "
        f"({pair['rps'] / one['rps']:.2f}x on {os.cpu_count()} shared cores; errors {pair['errors'] + one['errors']})"
    )


def kill_one_under_load(servers, balancer, seconds: float) -> str:
    result = {}

    def load():
        result.update(wrk(f"http://127.0.0.1:{balancer.port}{ARTICLE}", connections=16, seconds=seconds))

    loader = threading.Thread(target=load)
    loader.start()
    time.sleep(seconds / 2)
    victim = servers[1].process
    children = Path(f"/proc/{victim.pid}/task/{victim.pid}/children").read_text().split()
    for pid in [victim.pid, *map(int, children)]:
        os.kill(pid, signal.SIGKILL)  # no graceful shutdown: a crash
    loader.join()
    in_flight = len(children)  # a sync worker holds at most one request
    return (
        f"  scale-out: one server killed under load: {result['requests']:,} requests, {result['errors']} errors "
        f"(target ≤ {in_flight}, its in-flight requests): {verdict(result['errors'] <= in_flight)}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    if PG_BIN is None:
        raise SystemExit("the scale-out run needs Debian's postgresql (apt-get install postgresql)")
    top = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    redis, redis_url = start_redis(top)
    try:
        with Postgres(top) as postgres:
            env = environment(top, redis_url) | {"DATABASE_URL": postgres.url}
            seeded = seed(env, args.posts)
            first, second = Gunicorn(env, page_cache=True), Gunicorn(env, page_cache=True)
            with first, second, Balancer(top, [first.port, second.port]) as balancer:
                shared = f"PostgreSQL and Redis shared, {args.posts:,} posts"
                print(f"\nScale-out: two app servers (2 sync workers each), {shared}")
                print(edit_seen_on_the_other(first, second, env, seeded["article_admin"]))
                print(pair_against_one([first, second], balancer, top, args.seconds))
                print(kill_one_under_load([first, second], balancer, args.seconds))
    finally:
        if redis:
            redis.terminate()
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    main()
