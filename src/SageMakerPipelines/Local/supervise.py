# The local runner's step supervisor. The runner starts every step's command through it:
#     python -I -c "<this file>" RUNNER_PID PROGRAM ARGUMENTS...
# It puts the step in a process group of its own, passes SIGTERM/SIGINT/SIGHUP on, exits with the step's exit code
# (or dies of the same signal), and ends the whole group as soon as the runner is gone: killed, crashed or stopped,
# the runner leaves no step running. On Linux the step is also killed if the supervisor itself dies (PDEATHSIG).
import os
import signal
import subprocess
import sys
import threading
import time

runner = int(sys.argv[1])
command = sys.argv[2:]
os.setpgid(0, 0)

try:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
except (ImportError, OSError):
    libc = None


def die_with_the_supervisor():
    if libc is not None:
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


try:
    # The step's stderr goes into its stdout pipe: one pipe keeps the order in which it wrote, so the runner's summary
    # quotes its last words (two pipes read apart could put a line printed before a SystemExit after it).
    child = subprocess.Popen(command, preexec_fn=die_with_the_supervisor, stderr=subprocess.STDOUT)
except OSError as error:
    print(f"[mlpipeline] could not start {command[0]}: {error}", file=sys.stderr, flush=True)
    sys.exit(127)


def forward(signum, frame):
    child.send_signal(signum)


for each in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(each, forward)


def watch():
    while child.poll() is None:
        if os.getppid() != runner:
            print("[mlpipeline] the runner is gone; stopping the step", file=sys.stderr, flush=True)
            os.killpg(0, signal.SIGKILL)
        time.sleep(0.2)


threading.Thread(target=watch, daemon=True).start()
code = child.wait()
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
