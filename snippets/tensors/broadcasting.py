# Broadcasting: how tensors of different shapes are combined.

# --8<-- [start:shapes]
import torch

x = torch.zeros(5, 1, 4, 1)
y = torch.zeros(3, 1, 1)
print((x + y).size())
print(torch.broadcast_shapes((5, 1, 4, 1), (3, 1, 1)))  # shape only, no data
# --8<-- [end:shapes]

# --8<-- [start:bias]
batch = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # shape (2, 3)
bias = torch.tensor([10.0, 20.0, 30.0])                  # shape (3,)
print(batch + bias)  # bias is added to every row
# --8<-- [end:bias]

# --8<-- [start:outer]
col = torch.tensor([[0], [10], [20]])  # shape (3, 1)
row = torch.tensor([[0, 1, 2, 3]])     # shape (1, 4)
grid = col + row                       # shape (3, 4)
print(grid)
# --8<-- [end:outer]

# --8<-- [start:figure]
import matplotlib.pyplot as plt


def draw(ax, values, stored, title):
    """Draw a 2-D tensor as a grid of numbers; pale cells are virtual copies."""
    ax.imshow(stored.numpy(), cmap="Blues", vmin=0, vmax=2)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, str(values[i, j].item()), ha="center", va="center")
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])


stored_col = torch.zeros(3, 4)
stored_col[:, 0] = 1  # only the first column really exists
stored_row = torch.zeros(3, 4)
stored_row[0, :] = 1  # only the first row really exists

fig, axes = plt.subplots(1, 3, figsize=(10, 3))
draw(axes[0], col.expand(3, 4), stored_col, "col (3, 1) -> (3, 4)")
draw(axes[1], row.expand(3, 4), stored_row, "row (1, 4) -> (3, 4)")
draw(axes[2], grid, torch.ones(3, 4), "col + row: (3, 4)")
fig.suptitle("Broadcasting repeats size-1 dimensions (pale cells are not copied in memory)")
fig.tight_layout()
plt.show()
# --8<-- [end:figure]

# --8<-- [start:expand_repeat]
e = col.expand(3, 4)    # a view: the one stored column, seen 4 times (stride 0)
r = col.repeat(1, 4)    # a real copy: the data written out 4 times
print(e.shape, r.shape, torch.equal(e, r))
print(e.stride(), r.stride())
print(e.data_ptr() == col.data_ptr(), r.data_ptr() == col.data_ptr())
print(col.expand(-1, 2))                   # -1 keeps that dimension's length
# --8<-- [end:expand_repeat]

# --8<-- [start:repeat_kinds]
v = torch.tensor([1, 2])
print(v.repeat(3))                # whole blocks: 1 2 1 2 1 2
print(v.repeat_interleave(3))     # each element in turn: 1 1 1 2 2 2
print(v.repeat(2, 2))             # more sizes than dims: new leading dims
# --8<-- [end:repeat_kinds]

# --8<-- [start:mismatch]
# raises: RuntimeError
import torch

a = torch.ones(2, 3)
b = torch.ones(2)
a + b
# --8<-- [end:mismatch]
