# Learning-rate schedulers: the LR as a function of the number of scheduler.step() calls.

# --8<-- [start:steplr]
import torch
from torch import nn

model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)

for epoch in range(8):
    lr = optimizer.param_groups[0]["lr"]  # what this epoch's steps will use
    # ... for each batch: zero_grad(), backward(), optimizer.step() ...
    optimizer.step()
    scheduler.step()  # once per epoch, AFTER the optimizer steps
    print(f"epoch {epoch}: lr {lr:.4f}  -> next {scheduler.get_last_lr()[0]:.4f}")
# --8<-- [end:steplr]

# --8<-- [start:schedules]
from torch.optim import lr_scheduler

EPOCHS, STEPS_PER_EPOCH = 30, 10


def lr_curve(make_scheduler, per_batch=False):
    """LR of each optimizer step under a scheduler (lr=0.1 before scheduling)."""
    opt = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
    sched = make_scheduler(opt)
    lrs = []
    for epoch in range(EPOCHS):
        for _ in range(STEPS_PER_EPOCH):
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            if per_batch:
                sched.step()
        if not per_batch:
            sched.step()
    return lrs


curves = {
    "StepLR(step_size=10, gamma=0.3)":
        lr_curve(lambda o: lr_scheduler.StepLR(o, step_size=10, gamma=0.3)),
    "CosineAnnealingLR(T_max=30)":
        lr_curve(lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=EPOCHS)),
    "LinearLR warm-up (5) + cosine":
        lr_curve(lambda o: lr_scheduler.SequentialLR(o, [
            lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=5),
            lr_scheduler.CosineAnnealingLR(o, T_max=EPOCHS - 5)], milestones=[5])),
    "OneCycleLR(max_lr=0.1), per batch":
        lr_curve(lambda o: lr_scheduler.OneCycleLR(o, max_lr=0.1,
                 total_steps=EPOCHS * STEPS_PER_EPOCH), per_batch=True),
}
for name, lrs in curves.items():
    print(f"{name:36s} first {lrs[0]:.4f}  max {max(lrs):.4f}  last {lrs[-1]:.2e}")
# --8<-- [end:schedules]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 3.8))
steps = [s / STEPS_PER_EPOCH for s in range(EPOCHS * STEPS_PER_EPOCH)]
for name, lrs in curves.items():
    ax.plot(steps, lrs, label=name)
ax.set_xlabel("epoch")
ax.set_ylabel("learning rate")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
# --8<-- [end:figure]

# --8<-- [start:state]
opt = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
sched = lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
for _ in range(4):
    opt.step()
    sched.step()
print("scheduler state_dict:", {k: v for k, v in sched.state_dict().items() if k in ("last_epoch", "_last_lr", "step_size", "gamma")})
# --8<-- [end:state]

# --8<-- [start:wrong_order]
import warnings

opt = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
sched = lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    sched.step()  # wrong: before any optimizer.step()
    opt.step()
print(caught[0].category.__name__ + ":", str(caught[0].message).split(". ")[0] + ".")
print("lr used by the first optimizer step:", opt.param_groups[0]["lr"])
# --8<-- [end:wrong_order]
