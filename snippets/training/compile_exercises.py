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
def report_backend(graph_module, example_inputs):
    """A custom backend: say what Dynamo captured, then run the graph as it is."""
    shapes = []
    for node in graph_module.graph.find_nodes(op="placeholder"):
        value = node.meta["example_value"]
        if isinstance(value, torch.Tensor):
            shapes.append(tuple(value.shape))
    print(f"  compiling a graph for input shapes {shapes}")
    return graph_module.forward


def f(x):
    return torch.sin(x) ** 2 + torch.cos(x) ** 2


cf = torch.compile(f, backend=report_backend)
for n in (1000, 1000, 2000, 3000, 3000):
    print(f"call with length {n}")
    cf(torch.randn(n))
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
