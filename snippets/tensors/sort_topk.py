# sort, argsort and topk: values together with their original positions.

# --8<-- [start:sort]
import torch

x = torch.tensor([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
values, indices = torch.sort(x)              # ascending by default
print(values)
print(indices)                               # x[indices] == values
print(x.sort(descending=True).values)
print(torch.argsort(x, descending=True))     # only the positions
# --8<-- [end:sort]

# --8<-- [start:stable]
names = ["Ann", "Bob", "Cid", "Dan", "Eve"]  # already in alphabetical order
grades = torch.tensor([2, 1, 2, 1, 2])
order = torch.sort(grades, stable=True).indices  # equal grades keep their order
print(order)
print([names[i] for i in order])             # by grade, alphabetical within a grade
# --8<-- [end:stable]

# --8<-- [start:topk]
print(torch.topk(x, k=3))                    # the 3 largest, largest first

logits = torch.tensor([[2.0, 0.5, 0.1, 1.9],
                       [0.3, 0.2, 3.0, 0.4],
                       [1.0, 4.0, 0.0, 3.5]])
labels = torch.tensor([3, 2, 0])
top2 = logits.topk(2, dim=1).indices         # the 2 best classes of each sample
print(top2)
hit = (top2 == labels.unsqueeze(1)).any(dim=1)
print(hit, f"top-2 accuracy: {hit.float().mean().item():.3f}")
# --8<-- [end:topk]
