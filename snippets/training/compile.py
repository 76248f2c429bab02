# torch.compile: what the first call costs and what later calls gain, measured honestly.

# --8<-- [start:eager]
import time

import torch
from torch import nn

device = "cuda" if torch.cuda.is_available() else "cpu"
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 256), nn.GELU(), nn.Linear(256, 256), nn.GELU(),
                      nn.Linear(256, 10)).to(device).eval()
x = torch.randn(256, 64, device=device)


def sync():
    if device == "cuda":
        torch.cuda.synchronize()  # GPU work is asynchronous: wait before reading the clock


def ms_per_call(fn, calls=50, repeats=5):
    """Best of `repeats` timings of `calls` calls, in milliseconds per call."""
    best = float("inf")
    for _ in range(repeats):
        sync()
        start = time.perf_counter()
        for _ in range(calls):
            fn(x)
        sync()
        best = min(best, (time.perf_counter() - start) / calls * 1e3)
    return best


with torch.inference_mode():
    model(x)  # warm-up: the first eager call pays one-off costs too
    eager_ms = ms_per_call(model)
print(f"eager:    {eager_ms:6.3f} ms per call   # measured")
# --8<-- [end:eager]

# --8<-- [start:compile]
compiled = torch.compile(model)  # returns at once: nothing is compiled yet

with torch.inference_mode():
    sync()
    start = time.perf_counter()
    out_compiled = compiled(x)  # first call: trace, generate and compile the code
    sync()
    compile_s = time.perf_counter() - start
    out_eager = model(x)
print(f"first compiled call (compilation): {compile_s:5.1f} s   # measured")
print("same result as eager:", torch.allclose(out_compiled, out_eager, atol=1e-5))
# --8<-- [end:compile]

# --8<-- [start:speedup]
with torch.inference_mode():
    compiled_ms = ms_per_call(compiled)
print(f"compiled: {compiled_ms:6.3f} ms per call   # measured")
print(f"speed-up per call: {eager_ms / compiled_ms:.2f}x   # measured")
saved_ms = eager_ms - compiled_ms
print(f"time saved per call: {saved_ms:+.3f} ms   # measured")
# --8<-- [end:speedup]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

# up to 3x the break-even point (compile time / time saved per call), if there is one
last = int(3 * compile_s * 1e3 / saved_ms) if saved_ms > 0 else 100_000
calls = torch.linspace(0, min(max(last, 1000), 10_000_000), 200)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
left.bar(["eager", "compiled"], [eager_ms, compiled_ms], color=["tab:blue", "tab:orange"])
left.set_ylabel("milliseconds per call")
left.set_title("one forward pass (batch 256)")
right.plot(calls, calls * eager_ms / 1e3, label="eager")
right.plot(calls, compile_s + calls * compiled_ms / 1e3, label="compiled (incl. compile time)")
right.set_xlabel("number of calls")
right.set_ylabel("total seconds")
right.set_title("total time")
right.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
