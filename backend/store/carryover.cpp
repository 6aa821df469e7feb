#include "store/carryover.h"

#include "store/eventstore.h"
#include "store/replaysession.h"

namespace cityops {

Status carryOver(const std::shared_ptr<const CityModel> &city, const EventStore &store, CityBooks &books)
{
    if (store.lastSeq() == 0)
        return Ok{};
    auto replay = ReplaySession::open(city, store.path());
    if (!replay)
        return makeError(replay.error());
    if (!replay.value()->seekNow(store.lastTimeMs()))
        return makeError(QStringLiteral("the recording could not be replayed to its end"));
    books.restore(replay.value()->books().exportState());
    return Ok{};
}

} // namespace cityops
