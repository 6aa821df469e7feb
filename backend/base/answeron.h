#pragma once

#include <QCoreApplication>
#include <QPointer>

#include <functional>

namespace cityops {

/// A callback for an answer that arrives on another thread (the engine's core or link thread) which runs
/// `then(receiver, answer)` on the main thread — unless `receiver` is gone by then. The answer is posted to the
/// application object, which outlives every receiver, and the receiver is checked there, on the thread that deletes
/// it: checked on the answering thread, the check would race the deletion.
template <typename Answer, typename Receiver, typename Then>
std::function<void(const Answer &)> answerOnMainThread(Receiver *receiver, Then then)
{
    QPointer<Receiver> guard(receiver);
    return [guard, then = std::move(then)](const Answer &answer) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [guard, then, answer] {
            if (guard)
                then(guard.data(), answer);
        }, Qt::QueuedConnection);
    };
}

} // namespace cityops
