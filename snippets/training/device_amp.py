# A device-agnostic training loop, then mixed precision with torch.autocast.

# --8<-- [start:device]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
use_cuda = device.type == "cuda"
print("device:", device)

g = torch.Generator().manual_seed(0)
x = torch.randn(1024, 20, generator=g)
y = (x[:, :10].sum(dim=1) > 0).long()  # a simple 2-class rule to learn
loader = DataLoader(TensorDataset(x, y), batch_size=128, shuffle=True,
                    generator=torch.Generator().manual_seed(0),
                    pin_memory=use_cuda)  # page-locked host memory: faster copies to a GPU

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2)).to(device)  # model first
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)  # then the optimizer (Adam + weight decay)
loss_fn = nn.CrossEntropyLoss()
print("parameters on:", next(model.parameters()).device)
# --8<-- [end:device]

# --8<-- [start:loop]
def train_one_epoch(model, loader):
    model.train()
    total, count = torch.zeros((), device=device), 0
    for xb, yb in loader:
        # non_blocking=True lets a copy from pinned memory overlap with GPU work
        xb = xb.to(device, non_blocking=True)
        yb = yb.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.detach() * len(yb)  # stays on the device: no waiting for the GPU
        count += len(yb)
    return (total / count).item()  # one .item() (one wait) per epoch


for epoch in range(3):
    print(f"epoch {epoch}: mean training loss {train_one_epoch(model, loader):.4f}")
# --8<-- [end:loop]

# --8<-- [start:autocast_dtypes]
amp_dtype = torch.float16 if use_cuda else torch.bfloat16
print("autocast dtype for", device.type, "->", amp_dtype)
layer = nn.Linear(20, 4).to(device)
xb = x[:8].to(device)
with torch.autocast(device_type=device.type, dtype=amp_dtype):
    out = layer(xb)            # matmul-heavy ops run in the low-precision type
    loss = loss_fn(out, y[:8].to(device))  # a loss is autocast to float32
    added = out + xb[:, :4]    # mixed types: promoted to the wider float32
print("inputs:", xb.dtype, " weights:", layer.weight.dtype)
print("inside autocast -> linear:", out.dtype, " loss:", loss.dtype, " add:", added.dtype)
print("outside autocast -> linear:", layer(xb).dtype)
# --8<-- [end:autocast_dtypes]

# --8<-- [start:amp_loop]
scaler = torch.amp.GradScaler(device.type, enabled=use_cuda)  # float16 needs loss scaling; bf16 not
print("GradScaler enabled:", scaler.is_enabled())

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2)).to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)

for epoch in range(3):
    model.train()
    for xb, yb in loader:
        xb, yb = xb.to(device, non_blocking=True), yb.to(device, non_blocking=True)
        optimizer.zero_grad()
        with torch.autocast(device_type=device.type, dtype=amp_dtype):  # forward + loss only
            loss = loss_fn(model(xb), yb)
        scaler.scale(loss).backward()  # backward outside autocast
        scaler.unscale_(optimizer)     # true gradients again, before clipping
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        scaler.step(optimizer)         # skips the step on inf/NaN; does not unscale twice
        scaler.update()
    print(f"epoch {epoch}: last batch loss {loss.item():.4f} ({loss.dtype})")

print("parameters stay", next(model.parameters()).dtype)
# --8<-- [end:amp_loop]

# --8<-- [start:unscale]
# What unscale_ undoes: a scaler switched on here, on any device, with float32 gradients
demo = torch.amp.GradScaler(device.type, init_scale=2.0**16)
optimizer.zero_grad()
demo.scale(loss_fn(model(x[:128].to(device)), y[:128].to(device))).backward()


def grad_norm():
    return torch.linalg.vector_norm(torch.stack([p.grad.norm() for p in model.parameters()])).item()


scaled = grad_norm()
demo.unscale_(optimizer)
print(f"gradient norm, scaled:   {scaled:10.1f}")
print(f"gradient norm, unscaled: {grad_norm():10.4f}   (ratio {scaled / grad_norm():.0f} = 2**16)")
optimizer.zero_grad()  # a demonstration only: no step
# --8<-- [end:unscale]
