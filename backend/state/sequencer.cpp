#include "state/sequencer.h"

#include <algorithm>

namespace cityops {

void Sequencer::process(std::vector<Event> &batch)
{
    std::uint64_t seq = m_lastSeq.load();
    std::int64_t time = m_lastTimeMs.load();
    for (Event &event : batch) {
        event.seq = ++seq;
        // A device clock running behind must not reorder history: stamp no earlier than the previous event.
        time = std::max(time, event.timeMs);
        event.timeMs = time;
    }
    m_lastSeq = seq;
    m_lastTimeMs = time;
    for (const Consumer &consumer : m_consumers)
        consumer(batch);
}

} // namespace cityops
