// Every file of this target sees the shared test support (the checkout, ../shared, the engine factory).
@_exported import CasebookTestSupport
