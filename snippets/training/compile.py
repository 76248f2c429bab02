# torch.compile: what the first call costs, where fusion wins, where it does not, measured honestly.

# --8<-- [start:eager]
import time

import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
print("device:", device.type)


class MLP(nn.Module):
    """A small multilayer perceptron: three linear layers with GELU in between."""

    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(64, 256), nn.Linear(256, 256), nn.Linear(256, 10)

    def forward(self, x):
        x = nn.functional.gelu(self.fc1(x))
        x = nn.functional.gelu(self.fc2(x))
        return self.fc3(x)


torch.manual_seed(0)
model = MLP().to(device).eval()
x = torch.randn(256, 64, device=device)


def sync():
    if device.type != "cpu":
        torch.accelerator.synchronize()  # GPU work is asynchronous: wait before reading the clock


def ms_per_call(fn, *args, calls=50, repeats=5):
    """Best of `repeats` timings of `calls` calls, in milliseconds per call."""
    best = float("inf")
    for _ in range(repeats):
        sync()
        start = time.perf_counter()
        for _ in range(calls):
            fn(*args)
        sync()
        best = min(best, (time.perf_counter() - start) / calls * 1e3)
    return best


with torch.inference_mode():
    model(x)  # warm-up: the first eager call pays one-off costs too
    mlp_eager_ms = ms_per_call(model, x)
print(f"MLP, eager:    {mlp_eager_ms:6.3f} ms per call   # measured")
# --8<-- [end:eager]

# --8<-- [start:compile]
compiled = torch.compile(model)  # returns at once: nothing is compiled yet

with torch.inference_mode():
    sync()
    start = time.perf_counter()
    out_compiled = compiled(x)  # first call: trace, generate and compile the code
    sync()
    compile_s = time.perf_counter() - start
    out_eager = model(x)
print(f"first compiled call (compilation): {compile_s:5.1f} s   # measured")
print("same result as eager:", torch.allclose(out_compiled, out_eager, atol=1e-5))
# --8<-- [end:compile]

# --8<-- [start:speedup]
with torch.inference_mode():
    mlp_compiled_ms = ms_per_call(compiled, x)
print(f"MLP, compiled: {mlp_compiled_ms:6.3f} ms per call   # measured")
print(f"speed-up per call: {mlp_eager_ms / mlp_compiled_ms:.2f}x   # measured")
print(f"time saved per call: {mlp_eager_ms - mlp_compiled_ms:+.3f} ms   # measured")
# --8<-- [end:speedup]

# --8<-- [start:fusion]
def activation_mix(t):
    """Seven elementwise operations: eager runs each as its own pass over memory."""
    return nn.functional.gelu(t) * torch.sigmoid(t) + torch.sin(t) * torch.cos(t)


t = torch.randn(1_000_000, device=device)  # 1 M floats, 4 MB: larger than most CPU caches
activation_mix(t)  # warm-up
chain_eager_ms = ms_per_call(activation_mix, t, calls=20)

fused = torch.compile(activation_mix)
sync()
start = time.perf_counter()
fused(t)  # first call compiles one fused kernel: one pass, one output
sync()
print(f"chain, compilation: {time.perf_counter() - start:5.1f} s   # measured")
chain_compiled_ms = ms_per_call(fused, t, calls=20)
print(f"chain, eager:    {chain_eager_ms:6.3f} ms per call   # measured")
print(f"chain, compiled: {chain_compiled_ms:6.3f} ms per call   # measured")
print(f"speed-up per call: {chain_eager_ms / chain_compiled_ms:.2f}x   # measured")
print("same result as eager:", torch.allclose(fused(t), activation_mix(t), atol=1e-5))
# --8<-- [end:fusion]

# --8<-- [start:train_step]
import copy

y = torch.randn(256, 10, device=device)
eager_model = MLP().to(device)  # two identical copies: one stays eager, one is compiled
compiled_model = copy.deepcopy(eager_model)
compiled_model.compile()  # in place: same class, same state_dict keys
print(type(compiled_model).__name__, list(compiled_model.state_dict())[:2])


def make_step(net):
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)

    def step(x, y):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(net(x), y)
        loss.backward()  # the compiled model also has a compiled backward pass
        optimizer.step()
        return loss

    return step


eager_step, compiled_step = make_step(eager_model), make_step(compiled_model)
eager_step(x, y)  # warm-up (one step, so both models stay in step)
sync()
start = time.perf_counter()
compiled_step(x, y)  # first call: compiles the forward AND the backward graph
sync()
print(f"first compiled training step (compilation): {time.perf_counter() - start:5.1f} s   # measured")
train_eager_ms = ms_per_call(eager_step, x, y, calls=20)
train_compiled_ms = ms_per_call(compiled_step, x, y, calls=20)
print(f"training step, eager:    {train_eager_ms:6.3f} ms   # measured")
print(f"training step, compiled: {train_compiled_ms:6.3f} ms   # measured")
print(f"speed-up per step: {train_eager_ms / train_compiled_ms:.2f}x   # measured")
loss_eager, loss_compiled = eager_step(x, y).item(), compiled_step(x, y).item()
print(f"after 102 steps, loss eager {loss_eager:.4f}, compiled {loss_compiled:.4f}")
# --8<-- [end:train_step]

# --8<-- [start:grad_mode]
from contextlib import nullcontext

compiles = []


def counting_backend(graph_module, example_inputs):
    """A stand-in for Inductor: note each graph Dynamo hands over, then run it as it is."""
    compiles.append(torch.is_grad_enabled())
    return graph_module.forward


net = MLP().to(device)
net.compile(backend=counting_backend)
calls = [("grad mode", nullcontext), ("grad mode again", nullcontext), ("no_grad", torch.no_grad),
         ("inference_mode", torch.inference_mode), ("grad mode", nullcontext)]
for label, mode in calls:
    before = len(compiles)
    with mode():
        net(x)
    print(f"{label:16s} compiled a new graph: {len(compiles) > before}")
print("graphs compiled in all:", len(compiles))
# --8<-- [end:grad_mode]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

workloads = ["MLP forward", "MLP training step", "elementwise chain"]
speedups = [mlp_eager_ms / mlp_compiled_ms, train_eager_ms / train_compiled_ms,
            chain_eager_ms / chain_compiled_ms]
fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.bar(workloads, speedups, color=["tab:blue", "tab:orange", "tab:green"])
ax.axhline(1.0, color="gray", linestyle="--", label="1.0 = no change")
ax.set_ylabel("speed-up (eager time / compiled time)")
ax.set_title("measured on the machine that built this page")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
