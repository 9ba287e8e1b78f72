package io.dynasplit.runtime.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.dynasplit.runtime.input.Preprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * ViT-B/16 (patch 16, 12 pre-norm encoder blocks, width 768, 12 heads, MLP 3072, GELU) with the paper's 19
 * layers: 1 patch-embedding conv, 2 reshape to tokens, 3 class token, 4 position embedding, 5-16 encoder blocks,
 * 17 encoder norm, 18 class-token extraction, 19 head. Input 3x224x224 (Keras "tf" preprocessing). The paper's
 * network uses a polynomial GELU approximation; this one uses exact GELU.
 */
public final class VitB16 implements NetworkDefinition {
    static final int PATCH = 16;
    static final int WIDTH = 768;
    static final int HEADS = 12;
    static final int BLOCKS = 12;
    static final int MLP = 3072;
    static final int TOKENS = (224 / PATCH) * (224 / PATCH) + 1;

    @Override
    public String name() {
        return "vit-b16";
    }

    @Override
    public List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        units.add(new Unit("embedding", Conv2d.builder().setKernelShape(new Shape(PATCH, PATCH))
                .optStride(new Shape(PATCH, PATCH)).setFilters(WIDTH).build()));
        units.add(new Unit("reshape", LambdaBlock.singleton(VitB16::toTokens, "reshape")));
        units.add(new Unit("class_token", new ClassToken(WIDTH)));
        units.add(new Unit("posembed_input", new PositionEmbedding(TOKENS, WIDTH)));
        for (int i = 0; i < BLOCKS; i++) {
            units.add(new Unit("encoderblock_" + i, encoderBlock()));
        }
        units.add(new Unit("encoder_norm", layerNorm()));
        units.add(new Unit("extract_token", LambdaBlock.singleton(x -> x.get(":, 0, :"), "extract_token")));
        units.add(new Unit("head", Linear.builder().setUnits(1000).build()));
        return units;
    }

    @Override
    public Preprocessing preprocessing() {
        return Preprocessing.TF;
    }

    /** (B, E, h, w) feature map to (B, h*w, E) tokens. */
    private static NDArray toTokens(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
    }

    private static Block layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(1e-6f).build();
    }

    private static Block encoderBlock() {
        Block attention = new SequentialBlock().add(layerNorm()).add(new SelfAttention(WIDTH, HEADS));
        Block mlp = new SequentialBlock().add(layerNorm()).add(Linear.builder().setUnits(MLP).build())
                .add(Activation::gelu).add(Linear.builder().setUnits(WIDTH).build());
        return new SequentialBlock().add(Layers.residual(attention)).add(Layers.residual(mlp));
    }

    /** Multi-head self-attention over (B, S, E) with a fused query/key/value projection. */
    static final class SelfAttention extends AbstractBlock {
        private final int heads;
        private final Linear qkv;
        private final Linear projection;

        SelfAttention(int width, int heads) {
            super((byte) 1);
            this.heads = heads;
            this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
            this.projection = addChildBlock("out", Linear.builder().setUnits(width).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            long b = x.getShape().get(0);
            long s = x.getShape().get(1);
            long e = x.getShape().get(2);
            long d = e / heads;
            NDArray qkvHeads = qkv.forward(ps, inputs, training).singletonOrThrow()
                    .reshape(b, s, 3, heads, d).transpose(2, 0, 3, 1, 4);
            NDArray q = qkvHeads.get(0);
            NDArray k = qkvHeads.get(1);
            NDArray v = qkvHeads.get(2);
            NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).mul(1f / (float) Math.sqrt(d)).softmax(-1);
            NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, s, e);
            return projection.forward(ps, new NDList(mixed), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return new Shape[] {inputs[0]};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            qkv.initialize(manager, dataType, inputShapes[0]);
            projection.initialize(manager, dataType, inputShapes[0]);
        }
    }

    /** Prepends a learned class token: (B, S, E) to (B, S+1, E). */
    static final class ClassToken extends AbstractBlock {
        private final Parameter token;

        ClassToken(int width) {
            super((byte) 1);
            token = addParameter(Parameter.builder().setName("cls").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, 1, width)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            Shape s = x.getShape();
            NDArray t = ps.getValue(token, x.getDevice(), training).broadcast(new Shape(s.get(0), 1, s.get(2)));
            t.attach(x.getManager()); // freed with the request, not with the model
            return new NDList(t.concat(x, 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            Shape s = inputs[0];
            return new Shape[] {new Shape(s.get(0), s.get(1) + 1, s.get(2))};
        }
    }

    /** Adds a learned position embedding of shape (1, S, E). */
    static final class PositionEmbedding extends AbstractBlock {
        private final Parameter embedding;

        PositionEmbedding(int tokens, int width) {
            super((byte) 1);
            embedding = addParameter(Parameter.builder().setName("pos_embedding").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, tokens, width)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.add(ps.getValue(embedding, x.getDevice(), training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return new Shape[] {inputs[0]};
        }
    }
}
