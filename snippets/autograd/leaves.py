# Leaf and non-leaf tensors, retain_grad() and hooks (seed 004).

# --8<-- [start:non_leaf]
import torch

x = torch.tensor(3.0, requires_grad=True)
y1 = x + 1
y2 = 2 * x
loss = (y1 - y2) ** 2

loss.backward()
print("x.grad:", x.grad)    # 2 * (y1 - y2) * (1 - 2) = 4
print("y1.grad:", y1.grad)  # None (and a warning): y1 is not a leaf
# --8<-- [end:non_leaf]

# --8<-- [start:is_leaf]
print("x, y1, y2, loss:", x.is_leaf, y1.is_leaf, y2.is_leaf, loss.is_leaf)

# Every tensor with requires_grad=False is a leaf, however it was made
const = torch.tensor(1.0)
print("const:", const.is_leaf, const.requires_grad)
doubled = const * 2                 # computed, but from untracked tensors
print("const * 2:", doubled.is_leaf, doubled.grad_fn)
with torch.no_grad():
    z = x * 2                       # computed from x, but not recorded
print("x * 2 under no_grad:", z.is_leaf, z.grad_fn)
print("y1.detach():", y1.detach().is_leaf)
# --8<-- [end:is_leaf]

# --8<-- [start:retain_grad]
x = torch.tensor(3.0, requires_grad=True)
y1 = x + 1
y2 = 2 * x
loss = (y1 - y2) ** 2
y1.retain_grad()    # keep the gradient of these non-leaf tensors
loss.retain_grad()

loss.backward()
print("loss.grad:", loss.grad)  # d loss / d loss = 1
print("y1.grad:", y1.grad)      # 2 * (y1 - y2) = -4
print("x.grad:", x.grad)
# --8<-- [end:retain_grad]

# --8<-- [start:hooks]
x = torch.tensor(3.0, requires_grad=True)
y1 = x + 1
y2 = 2 * x
loss = (y1 - y2) ** 2

# A hook runs when the gradient of its tensor has been computed
y1.register_hook(lambda grad: print("y1 grad:", grad))  # registered first
y2.register_hook(lambda grad: print("y2 grad:", grad))
x.register_hook(lambda grad: print("x grad:", grad))
loss.backward()
# --8<-- [end:hooks]

# --8<-- [start:hook_order]
def run(y2_first):
    x = torch.tensor(3.0, requires_grad=True)
    if y2_first:
        y2 = 2 * x
        y1 = x + 1
    else:
        y1 = x + 1
        y2 = 2 * x
    y1.register_hook(lambda grad: print("  y1 hook"))
    y2.register_hook(lambda grad: print("  y2 hook"))
    ((y1 - y2) ** 2).backward()


print("y1 created first:")
run(y2_first=False)
print("y2 created first:")
run(y2_first=True)
# --8<-- [end:hook_order]

# --8<-- [start:hook_change]
# A hook that returns a tensor replaces the gradient: clip it to [-1, 1]
x = torch.tensor(3.0, requires_grad=True)
y = 2 * x
y.register_hook(lambda grad: grad.clamp(-1.0, 1.0))
(y ** 2).backward()  # d(y**2)/dy = 2y = 12, clipped to 1
print(x.grad)        # 1 * dy/dx = 2
# --8<-- [end:hook_change]
