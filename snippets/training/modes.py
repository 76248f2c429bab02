# train() and eval(): what changes for Dropout and BatchNorm.

# --8<-- [start:flag]
import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5), nn.BatchNorm1d(4))
print("new model, training:", model.training)
model.eval()
print("after eval():", [m.training for m in model])
model.train()
print("after train():", [m.training for m in model])
# --8<-- [end:flag]

# --8<-- [start:dropout]
torch.manual_seed(0)
dropout = nn.Dropout(p=0.5)
x = torch.ones(2, 8)

dropout.train()
print("train mode:\n", dropout(x))
dropout.eval()
print("eval mode:\n", dropout(x))

big = torch.ones(100_000)
dropout.train()
out = dropout(big)
print(f"train: zeroed {(out == 0).float().mean():.3f}, kept values = {out.max():.1f}, mean {out.mean():.3f}")
# --8<-- [end:dropout]

# --8<-- [start:batchnorm]
torch.manual_seed(0)
bn = nn.BatchNorm1d(1)  # momentum=0.1: running = 0.9 * running + 0.1 * batch statistic
batch = 5.0 + 2.0 * torch.randn(8, 1)  # data with mean about 5, std about 2
print(f"batch mean {batch.mean():.3f}, batch var {batch.var():.3f}")
print("start:      running_mean", bn.running_mean.item(), " running_var", bn.running_var.item())

bn.train()
out_train = bn(batch)
print(f"after train: running_mean {bn.running_mean.item():.4f}  running_var {bn.running_var.item():.4f}")
bn.eval()
out_eval = bn(batch)
print(f"after eval:  running_mean {bn.running_mean.item():.4f}  running_var {bn.running_var.item():.4f}")

print("train output:", out_train[:4, 0])
print("eval output: ", out_eval[:4, 0])
# --8<-- [end:batchnorm]

# --8<-- [start:converge]
import matplotlib.pyplot as plt

torch.manual_seed(0)
bn = nn.BatchNorm1d(1)
bn.train()
means = []
for step in range(60):
    bn(5.0 + 2.0 * torch.randn(32, 1))  # a new mini-batch of the same data each step
    means.append(bn.running_mean.item())
print(f"running_mean after 10 steps {means[9]:.3f}, after 60 steps {means[-1]:.3f}")

fig, ax = plt.subplots(figsize=(6, 3.4))
ax.plot(range(1, 61), means, label="running_mean (train mode)")
ax.axhline(5.0, color="gray", linestyle="--", label="true mean of the data")
ax.set_xlabel("training step (mini-batches seen)")
ax.set_ylabel("BatchNorm running_mean")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:converge]
