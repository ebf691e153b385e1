package scheduletest_test

import (
	"newsdesk/bot/schedule"
	"newsdesk/bot/schedule/scheduletest"
)

// TimeSource must stay a schedule.TimeSource; it cannot say so itself
// without importing schedule, whose tests import it.
var _ schedule.TimeSource = (*scheduletest.TimeSource)(nil)
