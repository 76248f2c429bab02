# Exercises for the page on torch.compile.

# --8<-- [start:ex1]
import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
compiled = torch.compile(model)  # lazy: nothing is compiled until the first call
print(type(compiled).__name__)
print("wraps the same module:", compiled._orig_mod is model)
print("shares its parameters:", next(compiled.parameters()) is next(model.parameters()))
print("state_dict keys:", list(compiled.state_dict().keys())[:2])
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import time


def f(x):
    return torch.sin(x) ** 2 + torch.cos(x) ** 2


cf = torch.compile(f)
for n in (1000, 1000, 2000, 3000, 3000):
    x = torch.randn(n)
    start = time.perf_counter()
    cf(x)
    print(f"n={n}: {(time.perf_counter() - start) * 1e3:8.1f} ms   # measured")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: RuntimeError
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    torch.save(compiled.state_dict(), Path(tmp) / "weights.pt")  # bug: keys of the wrapper
    plain = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    plain.load_state_dict(torch.load(Path(tmp) / "weights.pt"))
# --8<-- [end:ex3]
