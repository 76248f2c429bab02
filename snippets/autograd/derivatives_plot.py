# First and second derivatives of f(x) = x*sin(x) by autograd, against the formulas.

# --8<-- [start:compute]
import torch

x = torch.linspace(-6.0, 6.0, 200, requires_grad=True)
y = x * torch.sin(x)

# y[i] depends only on x[i], so the gradient of y.sum() holds f'(x[i]) for every i
(dy,) = torch.autograd.grad(y.sum(), x, create_graph=True)
(d2y,) = torch.autograd.grad(dy.sum(), x)

with torch.no_grad():
    df_exact = torch.sin(x) + x * torch.cos(x)       # f'(x)
    d2f_exact = 2 * torch.cos(x) - x * torch.sin(x)  # f''(x)
print(torch.allclose(dy, df_exact), torch.allclose(d2y, d2f_exact))
# the exact size of the difference is rounding noise that varies between CPUs: test a bound
print("largest difference below 1e-5:", (d2y - d2f_exact).abs().max().item() < 1e-5)
# --8<-- [end:compute]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

xs = x.detach().numpy()
fig, ax = plt.subplots(figsize=(9, 5))
ax.plot(xs, y.detach().numpy(), color="black", label="f(x) = x sin(x)")
ax.plot(xs, df_exact.numpy(), color="tab:blue", lw=6, alpha=0.3,
        label="f'(x) = sin(x) + x cos(x)")
ax.plot(xs, dy.detach().numpy(), "--", color="tab:blue", label="f'(x) by autograd")
ax.plot(xs, d2f_exact.numpy(), color="tab:orange", lw=6, alpha=0.3,
        label="f''(x) = 2 cos(x) - x sin(x)")
ax.plot(xs, d2y.numpy(), "--", color="tab:orange", label="f''(x) by autograd")
ax.set_xlabel("x")
ax.set_ylabel("value")
ax.set_title("Autograd (dashed) lies on the analytical derivatives (wide pale lines)")
ax.grid(alpha=0.3)
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=9)
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
