# Exercises for "Indexing, sorting and einsum".

# --8<-- [start:ex1]
import torch

t = torch.tensor([[5, 1, 5],
                  [0, 7, 2]])
values, indices = t.max(dim=1)
print(values, indices)           # a tie: the first maximum's position
print(t.argmax())                # no dim: position in the flattened tensor
# --8<-- [end:ex1]

# --8<-- [start:ex2]
x = torch.zeros(2, 3, 4)
print(x.stride())
print(x.permute(1, 2, 0).stride())   # each dim keeps its own stride
print(x.transpose(0, 1).shape, x.transpose(0, 1).stride())
# --8<-- [end:ex2]

# --8<-- [start:ex3]
a = torch.tensor([[1.0, 2.0, 3.0],
                  [4.0, 5.0, 6.0]])
b = torch.tensor([[1.0, 0.0, 1.0],
                  [2.0, 2.0, 2.0]])
print(torch.einsum("ij,ij->i", a, b))   # i kept, j summed: one dot product per row
print((a * b).sum(dim=1))
# --8<-- [end:ex3]

# --8<-- [start:ex4]
scores = torch.tensor([[0.2, 0.9, 0.4],
                       [0.7, 0.1, 0.3]])
idx = scores.argmax(dim=1, keepdim=True)           # shape (2, 1), ready for gather/scatter
best = scores.gather(1, idx)                        # the row maxima, shape (2, 1)
only_max = torch.zeros_like(scores).scatter(1, idx, best)
print(only_max)
# --8<-- [end:ex4]

# --8<-- [start:ex5]
# raises: RuntimeError
logits = torch.tensor([[2.0, 0.5], [0.3, 3.0]])
labels = torch.tensor([1, 0])
print(logits.gather(1, labels.unsqueeze(1)))  # the fix: index of shape (2, 1)
logits.gather(1, labels)                      # the bug: index of shape (2,)
# --8<-- [end:ex5]
