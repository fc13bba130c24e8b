"""placeholder"""
class Vectoriser:
    def __init__(self, ctx):
        self.ctx = ctx
    def objective(self, obj):
        return None
    def constraint(self, cdef):
        return None
