package io.vehiclesmonitor.backend.status.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * The Lua scripts of the status store, each run by EVALSHA; a script Redis does not know
 * (first use, or after a restart or SCRIPT FLUSH) is loaded and the call retried once.
 */
final class RedisScripts {

	private final RedisReactiveCommands<String, String> commands;

	RedisScripts(RedisReactiveCommands<String, String> commands) {
		this.commands = commands;
	}

	/** Runs a script that returns an array; the list holds Longs or Strings. */
	Mono<List<Object>> run(Script script, String[] keys, String... args) {
		return evalsha(script, keys, args).onErrorResume(RedisNoScriptException.class,
				(ex) -> this.commands.scriptLoad(script.source).then(evalsha(script, keys, args)));
	}

	private Mono<List<Object>> evalsha(Script script, String[] keys, String... args) {
		return Mono
			.defer(() -> this.commands.<List<Object>>evalsha(script.sha, ScriptOutputType.MULTI, keys, args).next());
	}

	/**
	 * One script: {@code common.lua} followed by its own file.
	 */
	enum Script {

		PING("ping.lua"), SWEEP("sweep.lua"), REGISTER("register.lua"), UNREGISTER("unregister.lua"), SEED("seed.lua"),
		STATES("states.lua");

		final String source;

		final String sha;

		Script(String file) {
			this.source = read("common.lua") + "\n" + read(file);
			this.sha = sha1(this.source);
		}

		private static String read(String file) {
			try (InputStream in = RedisScripts.class.getResourceAsStream(file)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static String sha1(String source) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
				return HexFormat.of().formatHex(digest);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
