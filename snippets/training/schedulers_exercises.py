# Exercises for the page on learning-rate schedulers.

# --8<-- [start:ex1]
import torch
from torch import nn
from torch.optim import lr_scheduler

opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=1.0)
sched = lr_scheduler.CosineAnnealingLR(opt, T_max=4)
lrs = []
for epoch in range(9):
    lrs.append(round(opt.param_groups[0]["lr"], 4))
    opt.step()
    sched.step()
print(lrs)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
BATCHES_PER_EPOCH = 5
opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
sched = lr_scheduler.StepLR(opt, step_size=10, gamma=0.5)  # meant: halve every 10 epochs
for epoch in range(10):
    for batch in range(BATCHES_PER_EPOCH):
        opt.step()
        sched.step()
print(f"lr after 10 epochs: {opt.param_groups[0]['lr']:.6f}")
# --8<-- [end:ex2]

# --8<-- [start:ex2_fix]
opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
sched = lr_scheduler.StepLR(opt, step_size=10, gamma=0.5)
for epoch in range(10):
    for batch in range(BATCHES_PER_EPOCH):
        opt.step()
    sched.step()  # once per epoch: step_size=10 now means 10 epochs
print(f"lr after 10 epochs: {opt.param_groups[0]['lr']:.6f}")
# --8<-- [end:ex2_fix]

# --8<-- [start:ex3]
opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
sched = lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=2)
for epoch, val_loss in enumerate([1.0, 0.8, 0.79, 0.81, 0.80, 0.82, 0.7, 0.71, 0.72, 0.73], 1):
    opt.step()
    sched.step(val_loss)  # this scheduler needs the metric it watches
    print(f"epoch {epoch:2d}: val loss {val_loss:.2f}  lr for the next epoch {opt.param_groups[0]['lr']:.4f}")
# --8<-- [end:ex3]
