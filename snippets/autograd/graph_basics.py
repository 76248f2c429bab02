# The computational graph of seed 002: c = a + b, d = b + 1, e = c * d.

# --8<-- [start:forward]
import torch

a = torch.tensor(2.0, requires_grad=True)  # requires_grad: record the graph
b = torch.tensor(1.0, requires_grad=True)
c = a + b
d = b + 1
e = c * d
print("c", c)
print("d", d)
print("e", e)
# --8<-- [end:forward]

# --8<-- [start:grad_fn]
print(a.grad_fn)          # None: a was created by the user, not computed
print(e.grad_fn.name())   # the node that will compute e's backward pass
for node, _ in e.grad_fn.next_functions:
    print("  next:", node.name())  # the nodes that produced c and d
# --8<-- [end:grad_fn]

# --8<-- [start:walk]
leaves = {"a": a, "b": b}


def show(node, depth=0):
    """Print the backward graph below node, one node per line."""
    indent = "    " * depth
    if node is None:  # an input that needs no gradient (the 1 in b + 1)
        print(indent + "None")
        return
    label = type(node).__name__
    if hasattr(node, "variable"):  # AccumulateGrad writes a leaf's .grad
        label += " -> " + next(k for k, t in leaves.items() if t is node.variable)
    print(indent + label)
    for child, _ in node.next_functions:
        show(child, depth + 1)


show(e.grad_fn)
c_node, d_node = (node for node, _ in e.grad_fn.next_functions)
print(c_node.next_functions[1][0] is d_node.next_functions[0][0])  # one node for b
# --8<-- [end:walk]

# --8<-- [start:backward]
e.backward()
print("a.grad", a.grad)  # de/da = d = 2
print("b.grad", b.grad)  # de/db = d + c = 2 + 3 = 5
# --8<-- [end:backward]

# --8<-- [start:once]
# b lies on two paths, yet its .grad is written once per backward():
# the engine adds both paths' gradients first, then writes the sum.
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
b.register_post_accumulate_grad_hook(lambda t: print("b.grad written:", t.grad))
e = (a + b) * (b + 1)
e.backward()
# --8<-- [end:once]
