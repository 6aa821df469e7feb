#include "store/carryover.h"

#include "store/eventstore.h"
#include "store/replaysession.h"

namespace cityops {

Result<StoreReader::PassedOver> carryOver(const std::shared_ptr<const CityModel> &city, const EventStore &store, CityBooks &books)
{
    if (store.lastSeq() == 0)
        return StoreReader::PassedOver{};
    auto replay = ReplaySession::open(city, store.path());
    if (!replay)
        return makeError(replay.error());
    if (const Status replayed = replay.value()->seekNow(store.lastTimeMs()); !replayed)
        return makeError(QStringLiteral("the recording could not be replayed to its end: %1").arg(replayed.error()));
    books.restore(replay.value()->books().exportState());
    return replay.value()->unreadable();
}

} // namespace cityops
