# eval() vs no_grad() vs inference_mode(): three different switches.

# --8<-- [start:eval_is_not_no_grad]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 1))
x = torch.randn(3, 4)

model.eval()  # changes layer behaviour (Dropout off), NOT gradient tracking
out = model(x)
print("eval() only:        requires_grad", out.requires_grad, " grad_fn", type(out.grad_fn).__name__)

model.train()
with torch.no_grad():  # stops gradient tracking, does NOT switch Dropout off
    a, b = model(x), model(x)
print("no_grad() only:     requires_grad", a.requires_grad, " two calls equal?", torch.equal(a, b))

model.eval()
with torch.no_grad():  # evaluation: both
    a, b = model(x), model(x)
print("eval() + no_grad(): requires_grad", a.requires_grad, " two calls equal?", torch.equal(a, b))
# --8<-- [end:eval_is_not_no_grad]

# --8<-- [start:inference_mode]
with torch.no_grad():
    y_ng = model(x)
with torch.inference_mode():
    y_im = model(x)
print("no_grad:        requires_grad", y_ng.requires_grad, " is_inference", y_ng.is_inference())
print("inference_mode: requires_grad", y_im.requires_grad, " is_inference", y_im.is_inference())
print("same values:", torch.equal(y_ng, y_im))

# a no_grad result is an ordinary tensor: it can take part in autograd later
w = torch.ones(1, requires_grad=True)
(w * y_ng).sum().backward()
print("grad through a no_grad result:", w.grad)
# --8<-- [end:inference_mode]

# --8<-- [start:clone]
w.grad = None
(w + y_im).sum().backward()  # addition saves neither input for backward: allowed
print("grad through w + inference tensor:", w.grad)

w.grad = None
(w * y_im.clone()).sum().backward()  # a clone made outside inference mode is a normal tensor
print("grad through a clone:", w.grad)
# --8<-- [end:clone]

# --8<-- [start:autograd_error]
# raises: RuntimeError
w.grad = None
(w * y_im).sum().backward()  # w * y needs y saved for backward: not allowed for an inference tensor
# --8<-- [end:autograd_error]

# --8<-- [start:inplace]
# raises: RuntimeError
y_im.add_(1)  # in-place update of an inference tensor outside inference mode
# --8<-- [end:inplace]
