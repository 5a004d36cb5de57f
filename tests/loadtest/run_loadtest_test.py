"""Tests of scripts/run-loadtest: error counting, a short real run, clean exits.

Usage: run_loadtest_test.py PINEAL_BINARY (exit 77 when wrk or nginx is missing).
"""

import importlib.machinery
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "run-loadtest"
BINARY = None  # set from argv


def load_runner():
    loader = importlib.machinery.SourceFileLoader("run_loadtest", str(SCRIPT))
    spec = importlib.util.spec_from_loader("run_loadtest", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


lt = load_runner()


def alive(pid):
    return Path(f"/proc/{pid}").exists()


class WrkScriptsTest(unittest.TestCase):
    """The Lua scripts against nginx, whose answers are known."""

    @classmethod
    def setUpClass(cls):
        cls.out = Path(tempfile.mkdtemp(prefix="loadtest-test-"))
        cls.body = b'{"status": "ok", "padding": "' + b"x" * 200 + b'"}'
        cls.nginx, port = lt.start_nginx({"health.json": cls.body})
        cls.url = f"http://127.0.0.1:{port}"

    @classmethod
    def tearDownClass(cls):
        lt.stop_children()
        for d in lt.scratch_dirs + [cls.out]:
            shutil.rmtree(d, ignore_errors=True)

    def test_a_served_file_is_counted_with_no_errors(self):
        r = lt.run_wrk("static", self.url, "static.lua", ["/health.json"], 1, self.out)
        self.assertGreater(r["requests"], 0)
        self.assertEqual(r["failures"], 0, r)
        self.assertEqual(r["first_error"], "")
        self.assertGreaterEqual(r["bytes"], r["requests"] * len(self.body))
        self.assertLessEqual(r["latency_us"]["p50"], r["latency_us"]["p99"])

    def test_a_refused_write_is_a_failure_with_its_answer(self):
        # nginx answers a POST to a missing path with 404 (405 for a file):
        # not a 2xx, so every answer must count, with the first one kept.
        r = lt.run_wrk("write", self.url, "write.lua", ["token", 7], 1, self.out)
        self.assertGreater(r["requests"], 0)
        self.assertEqual(r["errors"]["non_2xx"], r["requests"])
        self.assertEqual(r["failures"], r["requests"])
        self.assertEqual(r["created"], 0)
        self.assertRegex(r["first_error"], r"^40[45] ")

    def test_a_missing_file_read_is_a_failure(self):
        r = lt.run_wrk("read", self.url, "read.lua", ["token", 99], 1, self.out)
        self.assertGreater(r["errors"]["non_2xx"], 0)
        self.assertTrue(r["first_error"].startswith("404 "), r["first_error"])


class RunTest(unittest.TestCase):
    """The whole script against the real server, briefly."""

    def env(self, **extra):
        env = dict(os.environ, LOADTEST_DURATION="1", LOADTEST_LARGE="40", LOADTEST_SOAK="0")
        env.update(extra)
        return env

    def test_a_short_run_measures_every_phase_and_leaves_nothing_running(self):
        out = Path(tempfile.mkdtemp(prefix="loadtest-run-"))
        self.addCleanup(shutil.rmtree, out, True)
        p = subprocess.run([sys.executable, str(SCRIPT), "--binary", BINARY, "--out", str(out)],
                           env=self.env(LOADTEST_SOAK="3"), capture_output=True, text=True,
                           timeout=500)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("pineal req/s", p.stdout)
        res = json.loads((out / "result.json").read_text())
        self.assertEqual([x["key"] for x in res["phases"]],
                         ["health", "read", "write_small", "write_large"])
        self.assertEqual(res["failed_phases"], [])
        for ph in res["phases"]:
            self.assertGreater(ph["requests"], 0, ph["key"])
            self.assertEqual(ph["failures"], 0, ph["key"])
            self.assertGreater(ph["rss_kib_before"], 0)
            self.assertTrue(ph["targets"])
        by = {x["key"]: x for x in res["phases"]}
        # nginx served files of exactly the compared answers' sizes.
        self.assertGreaterEqual(by["read"]["nginx"]["response_bytes"], lt.READ_TARGET_BYTES)
        self.assertGreaterEqual(by["read"]["bytes"],
                                by["read"]["requests"] * by["read"]["nginx"]["response_bytes"])
        # Every write answered 201 and the history counts follow them.
        for key, start in (("write_small", lt.SMALL_EVENTS), ("write_large", 40)):
            self.assertEqual(by[key]["created"], by[key]["requests"], key)
            self.assertEqual(by[key]["history"][0], start)
            self.assertGreater(by[key]["history"][1], start)
        # Each phase spreads its writes over a pool of the same size.
        self.assertEqual(by["write_large"]["history"][1],
                         40 + -(-by["write_large"]["created"] // lt.WRITE_POOL))
        self.assertGreater(res["history_latency_ratio"]["p50"], 0)
        self.assertGreaterEqual(len(res["soak"]["rss_samples"]), 2)
        self.assertEqual(res["soak"]["failures"], 0)
        self.assertGreater(res["soak"]["created"], 0)  # the soak writes too
        for name, pid in res["pids"].items():
            self.assertFalse(alive(pid), f"{name} (pid {pid}) still running")

    def test_an_interrupted_run_stops_pineal_and_nginx(self):
        out = Path(tempfile.mkdtemp(prefix="loadtest-stop-"))
        self.addCleanup(shutil.rmtree, out, True)
        proc = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--binary", BINARY, "--out", str(out)],
            env=self.env(LOADTEST_DURATION="60"), stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        pids, lines = {}, []
        for line in proc.stdout:
            lines.append(line)
            for name in ("pineal", "nginx"):
                if line.startswith(f"loadtest: {name} ") and "(pid " in line:
                    pids[name] = int(line.split("(pid ")[1].split(")")[0])
            if "nginx" in pids:
                break
        self.assertEqual(set(pids), {"pineal", "nginx"}, "".join(lines))
        self.assertTrue(all(alive(p) for p in pids.values()))
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=60)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("stopped by signal", rest)
        for name, pid in pids.items():
            self.assertFalse(alive(pid), f"{name} (pid {pid}) still running")
        self.assertFalse((out / "result.json").exists())

    def test_a_bad_setting_is_refused_by_name_before_anything_starts(self):
        p = subprocess.run([sys.executable, str(SCRIPT), "--binary", BINARY],
                           env=self.env(LOADTEST_DURATION="ten"), capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn("LOADTEST_DURATION must be a whole number >= 1, not 'ten'", p.stderr)
        self.assertNotIn("answers on", p.stdout)


class SummaryTest(unittest.TestCase):
    """Errors fail the run; missed targets are reported, not fatal."""

    @staticmethod
    def phase(key, rps, p50, p99, failures=0, nginx_rps=None):
        lat = {"mean": p50, "p50": p50, "p90": p99, "p99": p99, "max": p99}
        p = {"key": key, "label": key, "rps": rps, "latency_us": lat, "failures": failures}
        if nginx_rps is not None:
            p["nginx"] = {"rps": nginx_rps, "failures": 0}
        return p

    def summary(self, write_large_failures=0, large_p50=1000):
        phases = [self.phase("health", 600, 500, 900, nginx_rps=1000),
                  self.phase("read", 6000, 2000, 19000, nginx_rps=9000),
                  self.phase("write_small", 2500, 1000, 20000),
                  self.phase("write_large", 2100, large_p50, 24000, write_large_failures)]
        return lt.summarise(phases, None, 1, 1.0, 10000, "pineal")

    def test_met_targets_and_no_errors(self):
        res = self.summary()
        self.assertEqual(res["failed_phases"], [])
        for p in res["phases"]:
            self.assertTrue(all(t["met"] for t in p["targets"]), p)

    def test_errors_fail_the_phase(self):
        self.assertEqual(self.summary(write_large_failures=3)["failed_phases"], ["write_large"])

    def test_a_slower_large_history_is_below_target_but_not_an_error(self):
        res = self.summary(large_p50=1300)
        self.assertEqual(res["failed_phases"], [])
        self.assertAlmostEqual(res["history_latency_ratio"]["p50"], 1.3)
        large = res["phases"][-1]["targets"]
        self.assertEqual([t["met"] for t in large], [True, True, False])


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: run_loadtest_test.py PINEAL_BINARY")
    BINARY = sys.argv.pop(1)
    if shutil.which("wrk") is None or not Path("/usr/sbin/nginx").exists():
        print("wrk or nginx missing (bash scripts/install-deps --load): skipped")
        sys.exit(77)
    unittest.main(verbosity=2)
