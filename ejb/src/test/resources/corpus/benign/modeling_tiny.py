import torch
from torch import nn

class Tiny(nn.Module):
    pass
