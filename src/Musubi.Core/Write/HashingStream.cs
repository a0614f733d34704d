using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Musubi.Write;

/// <summary>
/// A write-only stream that keeps the count and SHA-256 of what went through, so a report can name the exact output it
/// belongs to without reading the file again. The hashing and the writing to the file happen on a thread of their own
/// (blocks of 256 KB, at most 8 queued): on the conversion's thread they cost ~5% (0.13 s of SHA-256 for a 285 MB
/// output), beside it they cost a copy. Errors of the inner stream surface at the next write or at
/// <see cref="Complete"/>.
/// </summary>
public sealed class HashingStream : Stream
{
    private const int BlockBytes = 256 * 1024;

    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly BlockingCollection<(byte[] Block, int Length)> _queue = new(boundedCapacity: 8);
    private readonly Thread _worker;
    private byte[] _block = ArrayPool<byte>.Shared.Rent(BlockBytes);
    private int _used;
    private volatile Exception? _error;
    private string? _sha256;
    private bool _disposed;

    public HashingStream(Stream inner)
    {
        _inner = inner;
        _worker = new Thread(Drain) { IsBackground = true, Name = "musubi output writer" };
        _worker.Start();
    }

    public long BytesWritten { get; private set; }

    /// <summary>The SHA-256 of everything written, as lowercase hex (after <see cref="Complete"/>).</summary>
    public string Sha256 => _sha256 ?? throw new InvalidOperationException("the stream is not complete");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_error is { } e) throw new IOException(e.Message, e);
        if (_sha256 is not null) throw new InvalidOperationException("the stream is complete");
        BytesWritten += buffer.Length;
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, BlockBytes - _used);
            buffer[..n].CopyTo(_block.AsSpan(_used));
            _used += n;
            buffer = buffer[n..];
            if (_used == BlockBytes) Hand();
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    private void Hand()
    {
        if (_used == 0) return;
        _queue.Add((_block, _used));
        _block = ArrayPool<byte>.Shared.Rent(BlockBytes);
        _used = 0;
    }

    private void Drain()
    {
        foreach (var (block, length) in _queue.GetConsumingEnumerable())
        {
            try
            {
                if (_error is null)
                {
                    _hash.AppendData(block, 0, length);
                    _inner.Write(block, 0, length);
                }
            }
            catch (Exception e)
            {
                _error = e;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }
    }

    /// <summary>Waits until everything is hashed and written to the inner stream (and flushed); then <see cref="Sha256"/> is known.</summary>
    public void Complete()
    {
        if (_sha256 is not null) return;
        Hand();
        _queue.CompleteAdding();
        _worker.Join();
        if (_error is { } e) throw new IOException(e.Message, e);
        _inner.Flush();
        _sha256 = System.Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <summary>Hands on what is buffered; the data reaches the inner stream by <see cref="Complete"/>.</summary>
    public override void Flush() => Hand();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
            _worker.Join();
            _queue.Dispose();
            _hash.Dispose();
            _inner.Dispose();
            ArrayPool<byte>.Shared.Return(_block);
        }
        base.Dispose(disposing);
    }
}
