"""Policy packs. Each sub-package defines one :class:`~egovnet.policy.engine.model.Pack` and registers it."""
