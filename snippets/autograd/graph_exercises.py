# Exercises for "The computational graph": answers, run by the build.

# --8<-- [start:ex1]
import torch

a = torch.tensor(2.0, requires_grad=True)
b = a * 3
c = b.detach()
with torch.no_grad():
    d = a + 1
e = torch.tensor(5.0) * 2
for name, t in zip("abcde", (a, b, c, d, e)):
    print(name, t.is_leaf, t.requires_grad)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
x = torch.tensor(1.0, requires_grad=True)
h = x * 2
h.register_hook(lambda g: print("hook on h:", g))
x.register_hook(lambda g: print("hook on x:", g))
out = h * h + 3 * h          # h is used on three paths
out.backward()
print("x.grad:", x.grad)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
from torch import nn


def leaf_tensors(fn):
    """Every leaf tensor reached by walking back from the node fn."""
    found, stack, seen = [], [fn], set()
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        if hasattr(node, "variable"):   # an AccumulateGrad node
            found.append(node.variable)
        stack.extend(next_fn for next_fn, _ in node.next_functions)
    return found


model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
loss = model(torch.randn(4, 2)).pow(2).mean()
names = {id(p): n for n, p in model.named_parameters()}
print(sorted(names[id(t)] for t in leaf_tensors(loss.grad_fn)))
# --8<-- [end:ex3]

# --8<-- [start:ex4_bug]
# raises: RuntimeError
x = torch.tensor(1.0, requires_grad=True)
y = torch.exp(x)
for step in range(2):
    y.backward()
# --8<-- [end:ex4_bug]

# --8<-- [start:ex4]
x = torch.tensor(1.0, requires_grad=True)
for step in range(2):
    y = torch.exp(x)         # the fix: build the graph inside the loop
    y.backward()
print(x.grad)                # e + e
# --8<-- [end:ex4]
