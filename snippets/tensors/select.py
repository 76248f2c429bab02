# Picking values: max/argmax with indices, torch.where, gather, scatter and scatter_add_.

# --8<-- [start:max]
import torch

scores = torch.tensor([[0.1, 2.0, 0.3],
                       [1.5, 0.2, 0.9]])  # 2 samples x 3 classes
values, indices = scores.max(dim=1)   # the largest of each row, and where it is
print(values)
print(indices)
print(scores.argmax(dim=1))           # only the positions
# --8<-- [end:max]

# --8<-- [start:max_all]
print(scores.max())                   # no dim: one value for the whole tensor
flat = scores.argmax()                # no dim: a position in the flattened tensor
print(flat, torch.unravel_index(flat, scores.shape))
out = scores.max(dim=0, keepdim=True) # a named tuple: out.values, out.indices
print(out.values, out.indices)
# --8<-- [end:max_all]

# --8<-- [start:where]
x = torch.tensor([-2.0, -0.5, 0.0, 1.5, 3.0])
print(torch.where(x > 0, x, 0.0))      # keep x where the condition holds, else 0
print(torch.where(x > 0, x, 0.1 * x))  # two tensors: a "leaky" ReLU
print(torch.where(x > 0))              # one argument: the positions, as a tuple
# --8<-- [end:where]

# --8<-- [start:gather]
logits = torch.tensor([[2.0, 0.5, 0.1],
                       [0.3, 0.2, 3.0],
                       [1.0, 4.0, 0.0],
                       [0.5, 0.5, 2.5]])  # 4 samples x 3 classes
labels = torch.tensor([0, 2, 1, 0])       # the true class of each sample
picked = logits.gather(1, labels.unsqueeze(1))  # picked[i][0] = logits[i][labels[i]]
print(picked.shape)
print(picked.squeeze(1))
print(logits[torch.arange(4), labels])    # the same values with two index tensors
# --8<-- [end:gather]

# --8<-- [start:scatter]
one_hot = torch.zeros(4, 3).scatter(1, labels.unsqueeze(1), 1.0)  # one_hot[i][labels[i]] = 1
print(one_hot)
# --8<-- [end:scatter]

# --8<-- [start:scatter_add]
group = torch.tensor([0, 1, 0, 2, 1, 0])              # which group each value belongs to
value = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
sums = torch.zeros(3).scatter_add_(0, group, value)   # sums[group[i]] += value[i]
counts = torch.zeros(3).scatter_add_(0, group, torch.ones(6))
print(sums)
print(counts)
print(sums / counts)                                  # the mean of each group
# --8<-- [end:scatter_add]
