from .tar import archive

__all__ = ["archive"]
