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
    torch.save(compiled.state_dict(), Path(tmp) / "weights.pt")
    plain = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    plain.load_state_dict(torch.load(Path(tmp) / "weights.pt"))
# --8<-- [end:ex3]

# --8<-- [start:ex3_fix]
import tempfile
from pathlib import Path

import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
compiled = torch.compile(model)
# ... train `compiled` here: it updates the parameters it shares with `model` ...
with tempfile.TemporaryDirectory() as tmp:
    torch.save(model.state_dict(), Path(tmp) / "weights.pt")  # the original module's keys
    plain = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    print(plain.load_state_dict(torch.load(Path(tmp) / "weights.pt")))
print("keys:", list(model.state_dict())[:2])
# --8<-- [end:ex3_fix]

# --8<-- [start:ex4]
import torch


def show_graphs(graph_module, example_inputs):
    """A backend that prints the operations of each graph Dynamo captures."""
    ops = [node.target if isinstance(node.target, str) else node.target.__name__
           for node in graph_module.graph.nodes if node.op in ("call_function", "call_method")]
    print("  graph:", ops)
    return graph_module.forward


def f(x):
    y = torch.sin(x) * 2
    if y.sum() > 0:  # a Python branch on a tensor's value: Dynamo must stop the graph here
        return y.cos()
    return -y


def f_one_graph(x):
    y = torch.sin(x) * 2
    return torch.where(y.sum() > 0, y.cos(), -y)  # both branches computed, one selected


for fn in (f, f_one_graph):
    compiled_fn = torch.compile(fn, backend=show_graphs)
    for sign in (1, -1):
        print(f"{fn.__name__}, input sign {sign:+d}:")
        x = sign * torch.ones(3)
        assert torch.equal(compiled_fn(x), f(x))
# --8<-- [end:ex4]
