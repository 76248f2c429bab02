# state_dict, checkpoints and resuming training; torch.load(weights_only=...).

# --8<-- [start:state_dict]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))

# state_dict(): an ordered dict, name -> tensor (parameters AND buffers)
for name, tensor in model.state_dict().items():
    print(f"{name:28s} {str(tuple(tensor.shape)):8s} {tensor.dtype}")
print("parameters:", len(list(model.parameters())), " state_dict entries:", len(model.state_dict()))
# --8<-- [end:state_dict]

# --8<-- [start:save_load]
import tempfile
from pathlib import Path

tmp = tempfile.TemporaryDirectory()  # every file of this page goes here, never into the repo
folder = Path(tmp.name)

torch.save(model.state_dict(), folder / "weights.pt")

fresh = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))
print("before load, same weights?", torch.equal(fresh[0].weight, model[0].weight))
result = fresh.load_state_dict(torch.load(folder / "weights.pt"))  # weights_only=True by default
print(result)
print("after load,  same weights?", torch.equal(fresh[0].weight, model[0].weight))
# --8<-- [end:save_load]

# --8<-- [start:strict]
smaller = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU())  # no last layer
try:
    smaller.load_state_dict(torch.load(folder / "weights.pt"))
except RuntimeError as error:
    print(str(error).splitlines()[0])
    print(str(error).splitlines()[1].strip())
print(smaller.load_state_dict(torch.load(folder / "weights.pt"), strict=False))
# --8<-- [end:strict]

# --8<-- [start:checkpoint]
device = "cuda" if torch.cuda.is_available() else "cpu"
g = torch.Generator().manual_seed(0)
x = torch.randn(64, 3, generator=g)
y = x @ torch.tensor([[1.0], [-2.0], [0.5]]) + 0.1 * torch.randn(64, 1, generator=g)
x, y = x.to(device), y.to(device)


def make():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 1)).to(device)
    return net, torch.optim.Adam(net.parameters(), lr=0.01)


def train(net, opt, epochs):
    for _ in range(epochs):
        opt.zero_grad()
        loss = nn.functional.mse_loss(net(x), y)
        loss.backward()
        opt.step()
    return loss.item()


# A: 20 epochs in one go
net_a, opt_a = make()
train(net_a, opt_a, 20)

# B: 10 epochs, save a checkpoint, "restart the program", resume for 10 more
net_b, opt_b = make()
loss = train(net_b, opt_b, 10)
torch.save({"epoch": 10, "model": net_b.state_dict(),
            "optimizer": opt_b.state_dict(), "loss": loss}, folder / "checkpoint.pt")
del net_b, opt_b

net_b, opt_b = make()  # new objects, as in a new process
checkpoint = torch.load(folder / "checkpoint.pt", map_location=device)
net_b.load_state_dict(checkpoint["model"])
opt_b.load_state_dict(checkpoint["optimizer"])
print("resuming after epoch", checkpoint["epoch"], f"(loss {checkpoint['loss']:.4f})")
train(net_b, opt_b, 20 - checkpoint["epoch"])

# C: the same, but the optimizer state is not restored (Adam restarts its moments)
net_c, opt_c = make()
train(net_c, opt_c, 10)
saved = net_c.state_dict()
net_c, opt_c = make()
net_c.load_state_dict(saved)
train(net_c, opt_c, 10)

same_b = all(torch.equal(p, q) for p, q in zip(net_a.parameters(), net_b.parameters()))
same_c = all(torch.equal(p, q) for p, q in zip(net_a.parameters(), net_c.parameters()))
print("resumed with optimizer state == uninterrupted:", same_b)
print("resumed without it            == uninterrupted:", same_c)
print("Adam state keys:", list(opt_a.state_dict()["state"][0].keys()))
# --8<-- [end:checkpoint]

# --8<-- [start:whole_model]
import pickle  # torch.save/torch.load use pickle; its error class appears below

# Saving the whole module pickles its class; loading it runs pickle.
torch.save(model, folder / "whole_model.pt")
print("file written:", (folder / "whole_model.pt").name)
loaded = torch.load(folder / "whole_model.pt", weights_only=False)  # only for files you trust
print(type(loaded).__name__, "with", len(loaded), "layers")
# --8<-- [end:whole_model]

# --8<-- [start:unsafe_default]
# raises: pickle.UnpicklingError
torch.load(folder / "whole_model.pt")  # default weights_only=True refuses arbitrary classes
# --8<-- [end:unsafe_default]
