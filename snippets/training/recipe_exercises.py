# Exercises for the page that puts the training chapter together.

# --8<-- [start:ex1]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu", init_scale=1024.0)  # enabled here, to see what it does
x, y = torch.randn(64, 10), torch.randn(64, 1)


def grad_norm():
    return torch.linalg.vector_norm(torch.stack([p.grad.norm() for p in model.parameters()])).item()


scaler.scale(nn.functional.mse_loss(model(x), y)).backward()
before = grad_norm()
scaler.unscale_(optimizer)
after = grad_norm()
print(f"gradient norm before unscale_: {before:.1f}")
print(f"gradient norm after unscale_:  {after:.4f}")
print(f"ratio: {before / after:.1f}")
nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(f"after clipping to 1.0:         {grad_norm():.4f}")
scaler.step(optimizer)  # does not unscale a second time
scaler.update()
# --8<-- [end:ex1]

# --8<-- [start:ex2]
from torch.optim import lr_scheduler

optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
warmup = lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
cosine = lr_scheduler.CosineAnnealingLR(optimizer, T_max=55)
scheduler = lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
lrs = []
for epoch in range(8):
    lrs.append(round(optimizer.param_groups[0]["lr"], 5))
    optimizer.step()
    scheduler.step()
print(lrs)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
from torch.utils.data import DataLoader, TensorDataset

data = TensorDataset(torch.randn(96, 4), torch.randn(96, 1))
loader_gen = torch.Generator()
loader = DataLoader(data, batch_size=16, shuffle=True, generator=loader_gen)


def make_run():
    torch.manual_seed(0)
    loader_gen.manual_seed(0)
    net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 1))
    return net, torch.optim.SGD(net.parameters(), lr=0.05)


def train(net, opt, epochs):
    for _ in range(epochs):
        for xb, yb in loader:
            opt.zero_grad()
            nn.functional.mse_loss(net(xb), yb).backward()
            opt.step()


net_a, opt_a = make_run()  # uninterrupted: 4 epochs
train(net_a, opt_a, 4)

net_b, opt_b = make_run()  # 2 epochs, then a checkpoint with the RNG state
train(net_b, opt_b, 2)
checkpoint = {"model": net_b.state_dict(), "optimizer": opt_b.state_dict(),
              "rng": torch.get_rng_state(), "loader": loader_gen.get_state()}

torch.set_rng_state(checkpoint["rng"])
loader_gen.set_state(checkpoint["loader"])
net_b, opt_b = make_run()
net_b.load_state_dict(checkpoint["model"])
opt_b.load_state_dict(checkpoint["optimizer"])
train(net_b, opt_b, 2)
print("resumed == uninterrupted:", all(torch.equal(p, q) for p, q in
                                       zip(net_a.parameters(), net_b.parameters())))
# --8<-- [end:ex3]

# --8<-- [start:ex3_fix]
net_b, opt_b = make_run()  # create (and seed) first ...
net_b.load_state_dict(checkpoint["model"])
opt_b.load_state_dict(checkpoint["optimizer"])
torch.set_rng_state(checkpoint["rng"])  # ... restore the random state last
loader_gen.set_state(checkpoint["loader"])
train(net_b, opt_b, 2)
print("resumed == uninterrupted:", all(torch.equal(p, q) for p, q in
                                       zip(net_a.parameters(), net_b.parameters())))
# --8<-- [end:ex3_fix]
